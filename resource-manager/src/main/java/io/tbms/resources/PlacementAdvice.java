package io.tbms.resources;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * A suggestion to change where models run. Advice only: nothing acts on it automatically.
 *
 * @param kind what to do
 * @param models the models concerned
 * @param fromDevices the devices the models run on now (device ids)
 * @param toDevice the device to move to or add a replica on; {@code null} for {@link Kind#ADD_DEVICE}
 * @param freedDevices the devices left without models if the advice is followed
 * @param reason one line with the numbers behind the advice
 */
public record PlacementAdvice(
    Kind kind, List<String> models, List<String> fromDevices, String toDevice, List<String> freedDevices, String reason) {

  /** The kinds of advice. */
  public enum Kind {
    /** Several lightly used GPUs: move their models onto fewer GPUs, freeing the rest. */
    CO_LOCATE,
    /** A hot device: add a replica of its busiest model on the device with the most room. */
    ADD_REPLICA,
    /** A hot device and no device with room: more devices are needed. */
    ADD_DEVICE
  }

  public PlacementAdvice {
    Objects.requireNonNull(kind, "kind");
    models = List.copyOf(models);
    fromDevices = List.copyOf(fromDevices);
    freedDevices = List.copyOf(freedDevices);
    Objects.requireNonNull(reason, "reason");
  }

  public JsonObject toJson() {
    return new JsonObject(new LinkedHashMap<>())
        .put("kind", kind.name()).put("models", new JsonArray(models)).put("from_devices", new JsonArray(fromDevices))
        .put("to_device", toDevice).put("freed_devices", new JsonArray(freedDevices)).put("reason", reason);
  }
}
