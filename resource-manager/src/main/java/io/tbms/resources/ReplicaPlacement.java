package io.tbms.resources;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * Where one model is served by one backend.
 *
 * @param model the model name
 * @param address the backend's KServe v2 gRPC address, {@code host:port}
 * @param deviceIds the devices its instances run on ({@code host/name}), one entry per device
 * @param down the backend did not answer its last discovery or scrape
 */
public record ReplicaPlacement(String model, String address, List<String> deviceIds, boolean down) {

  public ReplicaPlacement {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(address, "address");
    deviceIds = List.copyOf(deviceIds);
  }

  /** The key this placement is stored under: {@code model@address}. */
  public String key() {
    return model + "@" + address;
  }

  public ReplicaPlacement withDown(boolean isDown) {
    return new ReplicaPlacement(model, address, deviceIds, isDown);
  }

  public JsonObject toJson() {
    return new JsonObject(new LinkedHashMap<>())
        .put("model", model).put("address", address).put("device_ids", new JsonArray(deviceIds)).put("down", down);
  }

  public static ReplicaPlacement fromJson(JsonObject json) {
    List<String> devices = json.getJsonArray("device_ids", new JsonArray()).stream().map(String::valueOf).toList();
    return new ReplicaPlacement(json.getString("model"), json.getString("address"), devices, json.getBoolean("down"));
  }
}
