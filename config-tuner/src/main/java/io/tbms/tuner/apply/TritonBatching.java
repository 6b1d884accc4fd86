package io.tbms.tuner.apply;

import java.util.Locale;

/**
 * A {@link BatchingPlan} in Triton's terms: the {@code dynamic_batching} block of a model's
 * {@code config.pbtxt}, and the JSON config override its repository load call accepts
 * ({@code parameters["config"]}). The plan's batch size becomes the one preferred batch size, so
 * the server forms batches of it; {@code max_batch_size} is left as the model declares it.
 */
public final class TritonBatching {

  private TritonBatching() {}

  /** The {@code dynamic_batching { ... }} block, to replace the one in {@code config.pbtxt}. */
  public static String pbtxt(BatchingPlan plan) {
    return String.format(Locale.ROOT,
        "dynamic_batching {%n  preferred_batch_size: [ %d ]%n  max_queue_delay_microseconds: %d%n}%n",
        plan.batchSize(), plan.maxQueueDelayMicros());
  }

  /** The config override for the repository load call, as a JSON string. */
  public static String overrideJson(BatchingPlan plan) {
    return String.format(Locale.ROOT,
        "{\"dynamic_batching\":{\"preferred_batch_size\":[%d],\"max_queue_delay_microseconds\":%d}}",
        plan.batchSize(), plan.maxQueueDelayMicros());
  }
}
