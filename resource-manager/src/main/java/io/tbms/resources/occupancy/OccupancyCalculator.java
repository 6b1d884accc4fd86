package io.tbms.resources.occupancy;

import static io.tbms.resources.occupancy.TritonMetricNames.*;

import io.tbms.resources.DeviceKind;
import io.tbms.resources.DeviceOccupancy;
import io.tbms.resources.inventory.BackendInventory;
import io.tbms.resources.inventory.Device;
import io.tbms.resources.prometheus.ParsedMetrics;
import io.tbms.resources.prometheus.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns successive scrapes of one backend into per-device occupancy.
 *
 * <ul>
 *   <li>{@code used} is the device's utilisation gauge ({@code nv_gpu_utilization{gpu_uuid}} for a
 *       GPU, {@code nv_cpu_utilization} for the CPU), but never less than the sum of the models'
 *       shares: the gauge samples a short window (Triton: the last interval; the reference server:
 *       the last second) while shares are rates between scrapes, and a device does at least its
 *       models' measured compute. Without a finite gauge it is that sum. Clamped to [0, 1].
 *   <li>A model's share of a device is the rate of {@code nv_inference_compute_infer_duration_us}
 *       (µs per second / 1e6 = busy seconds per second) divided by the device's capacity (1 for a
 *       GPU, {@code cpuCores} for the CPU), split equally over the model's instances when it has
 *       several; a series carrying a {@code gpu_uuid} label (older Triton) goes to that GPU whole.
 *       Clamped to [0, 1]. Versions of a model add up.
 *   <li>{@code free = 1 - used}; {@code unattributed = max(0, used - sum of shares)}.
 * </ul>
 *
 * Every model with an instance on a device is listed there, with share 0 until it has a rate. Pure
 * apart from the remembered counter readings; not thread-safe (one per backend, one scraper).
 */
public final class OccupancyCalculator {

  private final int cpuCores;
  private final CounterTracker compute = new CounterTracker();
  private final CounterTracker executions = new CounterTracker();

  public OccupancyCalculator(int cpuCores) {
    if (cpuCores < 1) {
      throw new IllegalArgumentException("cpuCores must be >= 1, was " + cpuCores);
    }
    this.cpuCores = cpuCores;
  }

  /**
   * @param atNanos when {@code scrape} was taken (monotonic)
   * @param wallMillis the same instant in Unix epoch milliseconds, stamped on the result
   */
  public BackendOccupancy observe(BackendInventory inventory, ParsedMetrics scrape, long atNanos, long wallMillis) {
    Map<String, Map<String, Double>> shares = new HashMap<>();
    inventory.instances().forEach((model, on) ->
        on.forEach(device -> shares.computeIfAbsent(device, d -> new LinkedHashMap<>()).put(model, 0.0)));
    compute.observe(scrape.named(COMPUTE_INFER_DURATION_US), atNanos).forEach((series, microsPerSecond) ->
        attribute(inventory, series, microsPerSecond / 1e6, shares));

    Map<String, Double> perSecond = new LinkedHashMap<>();
    executions.observe(scrape.named(EXEC_COUNT), atNanos).forEach((series, rate) -> {
      String model = series.label(LABEL_MODEL);
      if (model != null) {
        perSecond.merge(model, rate, Double::sum);
      }
    });

    List<DeviceOccupancy> devices = new ArrayList<>();
    for (Device device : inventory.devices()) {
      Map<String, Double> models = new LinkedHashMap<>();
      shares.getOrDefault(device.name(), Map.of()).forEach((model, share) -> models.put(model, clamp(share)));
      double attributed = models.values().stream().mapToDouble(Double::doubleValue).sum();
      double used = clamp(Math.max(attributed, gauge(scrape, device, GPU_UTILIZATION, CPU_UTILIZATION).orElse(0.0)));
      long memoryUsed = bytes(gauge(scrape, device, GPU_MEMORY_USED_BYTES, CPU_MEMORY_USED_BYTES));
      long memoryTotal = bytes(gauge(scrape, device, GPU_MEMORY_TOTAL_BYTES, CPU_MEMORY_TOTAL_BYTES));
      devices.add(new DeviceOccupancy(device.id(), device.name(), device.kind(), inventory.target().metricsUrl(),
          used, 1 - used, models, Math.max(0, used - attributed), memoryUsed, memoryTotal, wallMillis,
          inventory.down()));
    }
    return new BackendOccupancy(devices, perSecond);
  }

  private void attribute(
      BackendInventory inventory, SeriesKey series, double busySeconds, Map<String, Map<String, Double>> shares) {
    String model = series.label(LABEL_MODEL);
    if (model == null) {
      return;
    }
    String uuid = series.label(LABEL_GPU_UUID);
    if (uuid != null) {
      inventory.deviceByUuid(uuid).ifPresent(device -> add(shares, device, model, busySeconds));
      return;
    }
    List<String> on = inventory.instances().getOrDefault(model, List.of());
    for (String name : on) {
      inventory.device(name).ifPresent(device -> add(shares, device, model, busySeconds / on.size()));
    }
  }

  private void add(Map<String, Map<String, Double>> shares, Device device, String model, double busySeconds) {
    double capacity = device.kind() == DeviceKind.CPU ? cpuCores : 1;
    shares.computeIfAbsent(device.name(), d -> new LinkedHashMap<>()).merge(model, busySeconds / capacity, Double::sum);
  }

  private static Optional<Double> gauge(ParsedMetrics scrape, Device device, String gpuName, String cpuName) {
    Optional<Sample> sample = device.kind() == DeviceKind.GPU
        ? device.gpuUuid() == null ? Optional.empty() : scrape.find(gpuName, LABEL_GPU_UUID, device.gpuUuid())
        : scrape.first(cpuName);
    return sample.map(Sample::value).filter(Double::isFinite);
  }

  private static long bytes(Optional<Double> value) {
    return value.filter(v -> v >= 0).map(v -> (long) Math.min(v, Long.MAX_VALUE)).orElse(0L);
  }

  static double clamp(double value) {
    return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
  }
}
