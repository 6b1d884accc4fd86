package io.tbms.zoo.batching;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Triton-style dynamic batching settings of one model (the {@code dynamic_batching} section of a
 * Triton {@code config.pbtxt} plus the model's {@code max_batch_size}).
 *
 * @param maxBatchSize the largest batch one execution may take, in items; at least 1
 * @param preferredBatchSizes batch sizes worth dispatching at once, ascending, each within
 *     {@code 1..maxBatchSize}; the largest is also the most items a batch takes (a single larger
 *     request goes alone); empty means "dispatch when {@code maxBatchSize} is reached"
 * @param maxQueueDelay how long the oldest queued request may wait for a fuller batch; zero
 *     dispatches whatever is queued as soon as an instance is free
 * @param maxQueueSize the most requests that may wait; more are refused (a bounded queue)
 */
public record DynamicBatchingConfig(
    int maxBatchSize, List<Integer> preferredBatchSizes, Duration maxQueueDelay, int maxQueueSize) {

  public static final int DEFAULT_MAX_BATCH_SIZE = 32;
  public static final Duration DEFAULT_MAX_QUEUE_DELAY = Duration.ZERO;
  public static final int DEFAULT_MAX_QUEUE_SIZE = 1024;

  public DynamicBatchingConfig {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1, was " + maxBatchSize);
    }
    preferredBatchSizes = List.copyOf(Objects.requireNonNull(preferredBatchSizes, "preferredBatchSizes"));
    int previous = 0;
    for (int size : preferredBatchSizes) {
      if (size <= previous || size > maxBatchSize) {
        throw new IllegalArgumentException(
            "preferredBatchSizes must be ascending within 1.." + maxBatchSize + ", was " + preferredBatchSizes);
      }
      previous = size;
    }
    Objects.requireNonNull(maxQueueDelay, "maxQueueDelay");
    if (maxQueueDelay.isNegative()) {
      throw new IllegalArgumentException("maxQueueDelay must be >= 0, was " + maxQueueDelay);
    }
    if (maxQueueSize < 1) {
      throw new IllegalArgumentException("maxQueueSize must be >= 1, was " + maxQueueSize);
    }
  }

  public static DynamicBatchingConfig ofDefaults() {
    return new DynamicBatchingConfig(
        DEFAULT_MAX_BATCH_SIZE, List.of(), DEFAULT_MAX_QUEUE_DELAY, DEFAULT_MAX_QUEUE_SIZE);
  }

  /**
   * The size at which a batch is dispatched without waiting, and the most items the batcher puts
   * in one batch of several requests: the largest preferred size, or the maximum.
   */
  public int targetBatchSize() {
    return preferredBatchSizes.isEmpty()
        ? maxBatchSize
        : preferredBatchSizes.get(preferredBatchSizes.size() - 1);
  }
}
