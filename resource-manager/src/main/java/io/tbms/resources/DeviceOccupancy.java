package io.tbms.resources;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How busy one device is, from one scrape. All fractions are of the device's capacity, 0..1.
 *
 * @param id {@code host/name}, e.g. {@code 127.0.0.1/gpu0}
 * @param name the device's name on its host, e.g. {@code gpu0}, {@code cpu}
 * @param kind GPU or CPU
 * @param backend the metrics URL it was read from
 * @param used the device's utilisation gauge ({@code nv_gpu_utilization}, {@code nv_cpu_utilization})
 * @param free {@code 1 - used}
 * @param models model name to its share of the device (compute time over capacity)
 * @param unattributed the part of {@code used} no model's compute time accounts for
 * @param memoryUsedBytes memory in use; 0 when unknown
 * @param memoryTotalBytes the device's memory; 0 when unknown
 * @param sampledAtWallMillis when it was scraped, Unix epoch milliseconds
 * @param down the backend did not answer its last scrape or discovery; the values are the last known
 */
public record DeviceOccupancy(
    String id, String name, DeviceKind kind, String backend, double used, double free,
    Map<String, Double> models, double unattributed, long memoryUsedBytes, long memoryTotalBytes,
    long sampledAtWallMillis, boolean down) {

  public DeviceOccupancy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(backend, "backend");
    models = Map.copyOf(models);
  }

  /** This device as last known, flagged down or up. */
  public DeviceOccupancy withDown(boolean isDown) {
    return new DeviceOccupancy(id, name, kind, backend, used, free, models, unattributed,
        memoryUsedBytes, memoryTotalBytes, sampledAtWallMillis, isDown);
  }

  /** snake_case JSON; models in name order. */
  public JsonObject toJson() {
    JsonObject shares = new JsonObject(new LinkedHashMap<>());
    new TreeMap<>(models).forEach(shares::put);
    return new JsonObject(new LinkedHashMap<>())
        .put("id", id).put("name", name).put("kind", kind.name()).put("backend", backend)
        .put("used", used).put("free", free).put("models", shares).put("unattributed", unattributed)
        .put("memory_used_bytes", memoryUsedBytes).put("memory_total_bytes", memoryTotalBytes)
        .put("sampled_at_wall_millis", sampledAtWallMillis).put("down", down);
  }

  /** The inverse of {@link #toJson()}. */
  public static DeviceOccupancy fromJson(JsonObject json) {
    Map<String, Double> shares = new LinkedHashMap<>();
    json.getJsonObject("models", new JsonObject()).forEach(e -> shares.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
    return new DeviceOccupancy(json.getString("id"), json.getString("name"), DeviceKind.valueOf(json.getString("kind")),
        json.getString("backend"), json.getDouble("used"), json.getDouble("free"), shares,
        json.getDouble("unattributed"), json.getLong("memory_used_bytes"), json.getLong("memory_total_bytes"),
        json.getLong("sampled_at_wall_millis"), json.getBoolean("down"));
  }
}
