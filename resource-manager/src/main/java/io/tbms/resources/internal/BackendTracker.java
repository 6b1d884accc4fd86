package io.tbms.resources.internal;

import io.tbms.resources.DeviceOccupancy;
import io.tbms.resources.ReplicaPlacement;
import io.tbms.resources.Target;
import io.tbms.resources.inventory.BackendInventory;
import io.tbms.resources.inventory.Device;
import io.tbms.resources.inventory.InstanceGroup;
import io.tbms.resources.inventory.InventoryBuilder;
import io.tbms.resources.occupancy.BackendOccupancy;
import io.tbms.resources.occupancy.OccupancyCalculator;
import io.tbms.resources.occupancy.TritonMetricNames;
import io.tbms.resources.prometheus.ParsedMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What is known about one backend: its last inventory and occupancy, and whether it answered. No
 * I/O; times are arguments. Not thread-safe: used on the manager's context only.
 */
public final class BackendTracker {

  private final Target target;
  private final Map<String, String> gpuNames;
  private final Duration discoveryInterval;
  private final OccupancyCalculator calculator;
  private BackendInventory inventory;
  private long discoveredAtNanos;
  private List<DeviceOccupancy> devices = List.of();

  public BackendTracker(Target target, int cpuCores, Map<String, String> gpuNames, Duration discoveryInterval) {
    this.target = Objects.requireNonNull(target, "target");
    this.gpuNames = Map.copyOf(gpuNames);
    this.discoveryInterval = discoveryInterval;
    this.calculator = new OccupancyCalculator(cpuCores);
  }

  public Target target() {
    return target;
  }

  /** True when there is no inventory yet, the backend was down, or the last discovery is old. */
  public boolean needsDiscovery(long nowNanos) {
    return inventory == null || inventory.down() || nowNanos - discoveredAtNanos >= discoveryInterval.toNanos();
  }

  /** A discovery answered: the models' instance groups, and the scrape that names the GPUs. */
  public void discovered(Map<String, List<InstanceGroup>> models, ParsedMetrics scrape, long nowNanos, long wallMillis) {
    List<String> uuids = scrape.named(TritonMetricNames.GPU_UTILIZATION).stream()
        .map(s -> s.label(TritonMetricNames.LABEL_GPU_UUID)).filter(Objects::nonNull).toList();
    if (uuids.isEmpty()) {
      uuids = scrape.samples().stream().map(s -> s.label(TritonMetricNames.LABEL_GPU_UUID))
          .filter(Objects::nonNull).toList();
    }
    inventory = InventoryBuilder.build(target, models, uuids, gpuNames, wallMillis);
    discoveredAtNanos = nowNanos;
  }

  /** A scrape answered; nothing when there is no inventory yet. */
  public List<DeviceOccupancy> scraped(ParsedMetrics scrape, long nowNanos, long wallMillis) {
    if (inventory == null) {
      return devices;
    }
    inventory = inventory.withDown(false);
    BackendOccupancy occupancy = calculator.observe(inventory, scrape, nowNanos, wallMillis);
    devices = occupancy.devices();
    return devices;
  }

  /** The backend did not answer: the last known state, flagged down. */
  public List<DeviceOccupancy> failed() {
    if (inventory != null) {
      inventory = inventory.withDown(true);
    }
    devices = devices.stream().map(d -> d.withDown(true)).toList();
    return devices;
  }

  public List<DeviceOccupancy> devices() {
    return devices;
  }

  public List<ReplicaPlacement> replicas() {
    return inventory == null ? List.of() : inventory.replicas();
  }

  /** Device id to {@code gpu_uuid}, for this backend's GPUs the metrics list. */
  public Map<String, String> gpuUuids() {
    Map<String, String> uuids = new LinkedHashMap<>();
    if (inventory != null) {
      for (Device device : inventory.devices()) {
        if (device.gpuUuid() != null) {
          uuids.put(device.id(), device.gpuUuid());
        }
      }
    }
    return uuids;
  }
}
