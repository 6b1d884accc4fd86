package io.tbms.resources.inventory;

import io.tbms.resources.DeviceKind;
import io.tbms.resources.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds a backend's inventory from what it reports. Pure and thread-safe.
 *
 * <p>GPU index {@code i} in an instance group is the {@code i}-th distinct {@code gpu_uuid} in the
 * backend's metrics (Triton lists GPUs in CUDA index order). A GPU is named {@code gpu<i>} unless
 * {@code gpuNames} pins its uuid to a name. A GPU index the metrics do not list still becomes a
 * device, named {@code gpu<i>}, without a uuid. Every host has one {@code cpu} device.
 */
public final class InventoryBuilder {

  private InventoryBuilder() {}

  /**
   * @param models model name to its instance groups, for the models the backend has ready
   * @param gpuUuids the distinct {@code gpu_uuid}s in the metrics, in order of appearance
   * @param gpuNames uuid to a pinned device name
   */
  public static BackendInventory build(
      Target target, Map<String, List<InstanceGroup>> models, List<String> gpuUuids, Map<String, String> gpuNames,
      long wallMillis) {
    List<String> uuids = List.copyOf(new LinkedHashSet<>(gpuUuids));
    TreeSet<Integer> indexes = new TreeSet<>();
    for (int i = 0; i < uuids.size(); i++) {
      indexes.add(i);
    }
    models.values().forEach(groups -> groups.forEach(group -> indexes.addAll(group.gpus())));
    List<Device> devices = new ArrayList<>();
    devices.add(new Device(target.host(), Device.CPU, DeviceKind.CPU, null));
    Map<Integer, String> gpuName = new LinkedHashMap<>();
    for (int index : indexes) {
      String uuid = index < uuids.size() ? uuids.get(index) : null;
      String name = uuid != null && gpuNames.containsKey(uuid) ? gpuNames.get(uuid) : "gpu" + index;
      gpuName.put(index, name);
      devices.add(new Device(target.host(), name, DeviceKind.GPU, uuid));
    }
    List<Integer> allGpus = List.copyOf(indexes);
    Map<String, List<String>> instances = new LinkedHashMap<>();
    models.forEach((model, groups) -> {
      List<String> on = new ArrayList<>();
      for (InstanceGroup group : groups) {
        int count = Math.max(1, group.count());
        boolean gpu = group.kind() == InstanceGroup.Kind.GPU
            || group.kind() == InstanceGroup.Kind.AUTO && (!group.gpus().isEmpty() || !allGpus.isEmpty());
        if (!gpu || group.kind() == InstanceGroup.Kind.GPU && allGpus.isEmpty() && group.gpus().isEmpty()) {
          on.addAll(java.util.Collections.nCopies(count, Device.CPU));
          continue;
        }
        for (int index : group.gpus().isEmpty() ? allGpus : group.gpus()) {
          on.addAll(java.util.Collections.nCopies(count, gpuName.get(index)));
        }
      }
      instances.put(model, on);
    });
    return new BackendInventory(target, devices, instances, false, wallMillis);
  }
}
