package io.tbms.resources.inventory;

import io.tbms.resources.ReplicaPlacement;
import io.tbms.resources.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one backend runs where. Immutable.
 *
 * @param target the backend
 * @param devices its host's devices: the CPU first, then GPUs in CUDA index order
 * @param instances model name to the device name of each of its instances (a name repeats when a
 *     device runs several instances of the model)
 * @param down the backend did not answer the last discovery or scrape; the rest is the last known
 * @param discoveredAtWallMillis when the backend last answered a discovery, Unix epoch milliseconds
 */
public record BackendInventory(
    Target target, List<Device> devices, Map<String, List<String>> instances, boolean down, long discoveredAtWallMillis) {

  public BackendInventory {
    Objects.requireNonNull(target, "target");
    devices = List.copyOf(devices);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    instances.forEach((model, on) -> copy.put(model, List.copyOf(on)));
    instances = java.util.Collections.unmodifiableMap(copy);
  }

  public String host() {
    return target.host();
  }

  public Optional<Device> device(String name) {
    return devices.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  public Optional<Device> deviceByUuid(String gpuUuid) {
    return devices.stream().filter(d -> gpuUuid.equals(d.gpuUuid())).findFirst();
  }

  public BackendInventory withDown(boolean isDown) {
    return new BackendInventory(target, devices, instances, isDown, discoveredAtWallMillis);
  }

  /** One placement per model, naming each device its instances use once. */
  public List<ReplicaPlacement> replicas() {
    List<ReplicaPlacement> replicas = new ArrayList<>();
    instances.forEach((model, on) -> {
      List<String> ids = new ArrayList<>(new LinkedHashSet<>(on)).stream().map(name -> Device.id(host(), name)).toList();
      replicas.add(new ReplicaPlacement(model, target.kserveAddress(), ids, down));
    });
    return replicas;
  }
}
