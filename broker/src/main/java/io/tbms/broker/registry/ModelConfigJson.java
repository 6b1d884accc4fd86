package io.tbms.broker.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link ModelConfig} as JSON, in the config file's spelling ({@code est_ms}, {@code
 * batch_size}, {@code max_queue_delay_ms}, {@code aliases}, {@code replicas[].transport}): how the
 * registry is stored in the cluster and the state file, and shown by {@code GET /api/models}.
 */
public final class ModelConfigJson {

  private ModelConfigJson() {}

  public static JsonObject toJson(ModelConfig model) {
    JsonArray replicas = new JsonArray();
    for (ReplicaConfig replica : model.replicas()) {
      replicas.add(new JsonObject()
          .put("host", replica.host())
          .put("port", replica.port())
          .put("transport", replica.transport().name().toLowerCase(Locale.ROOT))
          .put("device", replica.device()));
    }
    return new JsonObject()
        .put("name", model.name())
        .put("est_ms", model.defaultEstimate().toNanos() / 1e6)
        .put("batch_size", model.batchSize())
        .put("max_queue_delay_ms", model.maxQueueDelay() == null ? null : model.maxQueueDelay().toNanos() / 1e6)
        .put("label_output", model.labelOutput())
        .put("score_output", model.scoreOutput())
        .put("aliases", new JsonArray(new ArrayList<Object>(model.aliases())))
        .put("replicas", replicas);
  }

  /** The inverse of {@link #toJson}; for JSON this class wrote (before aliases, too: then there are none). */
  public static ModelConfig fromJson(JsonObject json) {
    List<ReplicaConfig> replicas = new ArrayList<>();
    for (Object o : json.getJsonArray("replicas")) {
      JsonObject replica = (JsonObject) o;
      replicas.add(new ReplicaConfig(replica.getString("host"), replica.getInteger("port"),
          Transport.valueOf(replica.getString("transport").toUpperCase(Locale.ROOT)), replica.getString("device")));
    }
    return new ModelConfig(json.getString("name"), replicas, json.getString("label_output"),
        json.getString("score_output"), Duration.ofNanos(Math.round(json.getDouble("est_ms") * 1e6)),
        json.getInteger("batch_size"), millis(json.getDouble("max_queue_delay_ms")), aliases(json.getJsonArray("aliases")));
  }

  private static List<String> aliases(JsonArray json) {
    List<String> aliases = new ArrayList<>();
    if (json != null) {
      json.forEach(alias -> aliases.add((String) alias));
    }
    return aliases;
  }

  private static Duration millis(Double ms) {
    return ms == null ? null : Duration.ofNanos(Math.round(ms * 1e6));
  }
}
