package io.tbms.resources.occupancy;

import io.tbms.resources.DeviceOccupancy;
import java.util.List;
import java.util.Map;

/**
 * One backend's occupancy from one scrape.
 *
 * @param devices each device of the backend's inventory, in inventory order
 * @param executionsPerSecond model name to its executions (batches) per second, over all versions;
 *     only models with a rate (from the second scrape on)
 */
public record BackendOccupancy(List<DeviceOccupancy> devices, Map<String, Double> executionsPerSecond) {

  public BackendOccupancy {
    devices = List.copyOf(devices);
    executionsPerSecond = Map.copyOf(executionsPerSecond);
  }
}
