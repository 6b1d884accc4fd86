package io.tbms.resources;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Everything the resource manager knows at one moment: devices with their occupancy, model
 * replicas with their devices, and placement advice. Immutable; {@link #toJson()} is the body
 * of {@code GET /api/resources}.
 *
 * @param atWallMillis when the snapshot was taken, Unix epoch milliseconds
 */
public record ResourceSnapshot(
    List<DeviceOccupancy> devices, List<ReplicaPlacement> replicas, List<PlacementAdvice> advice, long atWallMillis) {

  public ResourceSnapshot {
    devices = List.copyOf(devices);
    replicas = List.copyOf(replicas);
    advice = List.copyOf(advice);
  }

  /** A snapshot that knows nothing yet. */
  public static ResourceSnapshot empty(long atWallMillis) {
    return new ResourceSnapshot(List.of(), List.of(), List.of(), atWallMillis);
  }

  /** snake_case keys: {@code devices}, {@code replicas}, {@code advice}, {@code at_wall_millis}. */
  public JsonObject toJson() {
    return new JsonObject(new LinkedHashMap<>())
        .put("devices", new JsonArray(devices.stream().map(DeviceOccupancy::toJson).toList()))
        .put("replicas", new JsonArray(replicas.stream().map(ReplicaPlacement::toJson).toList()))
        .put("advice", new JsonArray(advice.stream().map(PlacementAdvice::toJson).toList()))
        .put("at_wall_millis", atWallMillis);
  }
}
