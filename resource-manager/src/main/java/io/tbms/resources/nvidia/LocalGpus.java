package io.tbms.resources.nvidia;

import io.tbms.resources.DeviceKind;
import io.tbms.resources.DeviceOccupancy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds {@code nvidia-smi} readings into the devices read from backends. Pure.
 *
 * <p>A GPU a backend already reports (same uuid) gets nvidia-smi's memory figures where the backend
 * gave none. A GPU no backend reports becomes a device of its own, {@code <host>/gpu<index>},
 * with nvidia-smi's utilisation and memory and no models: capacity a placement may use.
 */
public final class LocalGpus {

  /** The backend name given to devices only nvidia-smi knows. */
  public static final String SOURCE = "nvidia-smi";

  private LocalGpus() {}

  /**
   * @param devices the devices from the backends
   * @param uuidOf device id to its {@code gpu_uuid}, for the backends' GPUs
   * @param host the name of this host, for devices only nvidia-smi knows
   */
  public static List<DeviceOccupancy> merge(
      List<DeviceOccupancy> devices, Map<String, String> uuidOf, List<GpuReading> gpus, String host, long wallMillis) {
    List<DeviceOccupancy> merged = new ArrayList<>();
    Set<String> known = Set.copyOf(uuidOf.values());
    for (DeviceOccupancy device : devices) {
      String uuid = uuidOf.get(device.id());
      GpuReading reading = uuid == null ? null
          : gpus.stream().filter(g -> g.uuid().equals(uuid)).findFirst().orElse(null);
      if (reading != null && device.memoryTotalBytes() == 0) {
        device = new DeviceOccupancy(device.id(), device.name(), device.kind(), device.backend(), device.used(),
            device.free(), device.models(), device.unattributed(), reading.memoryUsedBytes().orElse(0),
            reading.memoryTotalBytes().orElse(0), device.sampledAtWallMillis(), device.down());
      }
      merged.add(device);
    }
    for (GpuReading gpu : gpus) {
      if (known.contains(gpu.uuid())) {
        continue;
      }
      double used = Math.max(0, Math.min(1, gpu.utilisation().orElse(0)));
      merged.add(new DeviceOccupancy(host + "/gpu" + gpu.index(), "gpu" + gpu.index(), DeviceKind.GPU, SOURCE,
          used, 1 - used, Map.of(), used, gpu.memoryUsedBytes().orElse(0), gpu.memoryTotalBytes().orElse(0),
          wallMillis, false));
    }
    return merged;
  }
}
