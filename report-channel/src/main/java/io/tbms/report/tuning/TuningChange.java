package io.tbms.report.tuning;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One change the config tuner applied to a model's batching, as the report shows it.
 *
 * @param atWallMillis when it was applied
 * @param model the model
 * @param source {@code "apply"} (by hand) or {@code "watch"} (re-tuned on a QPS change)
 * @param previousBatchSize the batch size before, {@code 0} when unknown
 * @param batchSize the batch size now
 * @param maxQueueDelayMillis the queue delay now, in ms
 * @param qps the model's QPS the choice was made for
 * @param lagTargetMillis the lag target it was made for, in ms
 * @param explanation the tuner's one-line reason, with the numbers from the formulas
 */
public record TuningChange(long atWallMillis, String model, String source, int previousBatchSize, int batchSize,
    double maxQueueDelayMillis, double qps, double lagTargetMillis, String explanation) {

  public TuningChange {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(explanation, "explanation");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("at_ms", atWallMillis)
        .put("model", model)
        .put("source", source)
        .put("previous_batch_size", previousBatchSize == 0 ? null : previousBatchSize)
        .put("batch_size", batchSize)
        .put("max_queue_delay_ms", maxQueueDelayMillis)
        .put("qps", qps)
        .put("lag_target_ms", lagTargetMillis)
        .put("explanation", explanation);
  }

  /** The inverse of {@link #toJson}. */
  public static TuningChange fromJson(JsonObject json) {
    Integer previous = json.getInteger("previous_batch_size");
    return new TuningChange(json.getLong("at_ms"), json.getString("model"), json.getString("source"),
        previous == null ? 0 : previous, json.getInteger("batch_size"), json.getDouble("max_queue_delay_ms"),
        json.getDouble("qps"), json.getDouble("lag_target_ms"), json.getString("explanation"));
  }
}
