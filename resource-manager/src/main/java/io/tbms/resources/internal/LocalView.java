package io.tbms.resources.internal;

import io.tbms.resources.DeviceOccupancy;
import io.tbms.resources.ReplicaPlacement;
import io.tbms.resources.ResourceSnapshot;
import java.util.HashMap;
import java.util.Map;

/** A snapshot with its lookups, built once and then only read. Immutable. */
public final class LocalView {

  private final ResourceSnapshot snapshot;
  private final Map<String, DeviceOccupancy> devices = new HashMap<>();
  private final Map<String, ReplicaPlacement> replicas = new HashMap<>();

  public LocalView(ResourceSnapshot snapshot) {
    this.snapshot = snapshot;
    snapshot.devices().forEach(d -> devices.put(d.id(), d));
    snapshot.replicas().forEach(r -> replicas.put(r.key(), r));
  }

  public ResourceSnapshot snapshot() {
    return snapshot;
  }

  public DeviceOccupancy device(String id) {
    return devices.get(id);
  }

  public ReplicaPlacement replica(String model, String address) {
    return replicas.get(model + "@" + address);
  }
}
