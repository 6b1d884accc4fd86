package io.tbms.zoo.batching;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * A partial change of a model's dynamic batching, as a repository load's config override asks for
 * it: each field present replaces the current value, each absent one keeps it. Triton replaces the
 * whole model config on such a load; this server changes only these settings, live.
 *
 * <p>Messages name the fields as Triton's {@code ModelConfig} does ({@code max_batch_size},
 * {@code dynamic_batching.preferred_batch_size}, {@code dynamic_batching.max_queue_delay_microseconds}),
 * since that is what the caller sent. Immutable.
 *
 * @param maxBatchSize the new {@code max_batch_size}; empty keeps the current one
 * @param preferredBatchSizes the new preferred sizes in any order (duplicates allowed, as Triton
 *     allows them); an empty list clears them; empty keeps the current ones
 * @param maxQueueDelay the new {@code max_queue_delay_microseconds}; empty keeps the current one
 */
public record BatchingOverride(
    OptionalInt maxBatchSize, Optional<List<Integer>> preferredBatchSizes, Optional<Duration> maxQueueDelay) {

  public static final String MAX_BATCH_SIZE = "max_batch_size";
  public static final String PREFERRED_BATCH_SIZE = "dynamic_batching.preferred_batch_size";
  public static final String MAX_QUEUE_DELAY = "dynamic_batching.max_queue_delay_microseconds";

  /** The change that keeps everything. */
  public static final BatchingOverride NONE =
      new BatchingOverride(OptionalInt.empty(), Optional.empty(), Optional.empty());

  public BatchingOverride {
    if (maxBatchSize.isPresent() && maxBatchSize.getAsInt() < 1) {
      throw new IllegalArgumentException(MAX_BATCH_SIZE + " must be >= 1, was " + maxBatchSize.getAsInt());
    }
    preferredBatchSizes = preferredBatchSizes.map(List::copyOf);
    preferredBatchSizes.ifPresent(sizes -> {
      for (int size : sizes) {
        if (size < 1) {
          throw new IllegalArgumentException(PREFERRED_BATCH_SIZE + " values must be >= 1, was " + sizes);
        }
      }
    });
    maxQueueDelay.ifPresent(delay -> {
      if (delay.isNegative()) {
        throw new IllegalArgumentException(
            MAX_QUEUE_DELAY + " must be >= 0, was " + delay.toNanos() / 1_000);
      }
    });
  }

  /**
   * The settings this change makes of {@code current} (equal to it when nothing is set); the
   * queue size is kept.
   *
   * @throws IllegalArgumentException naming the field when the result would be invalid: a
   *     preferred size above the resulting {@code max_batch_size}
   */
  public DynamicBatchingConfig applyTo(DynamicBatchingConfig current) {
    int max = maxBatchSize.orElse(current.maxBatchSize());
    List<Integer> preferred = preferredBatchSizes
        .map(sizes -> List.copyOf(new TreeSet<>(sizes)))
        .orElse(current.preferredBatchSizes());
    for (int size : preferred) {
      if (size > max) {
        throw new IllegalArgumentException(preferredBatchSizes.isPresent()
            ? PREFERRED_BATCH_SIZE + " values must be within 1.." + max + " (" + MAX_BATCH_SIZE + "), was "
                + preferredBatchSizes.get()
            : MAX_BATCH_SIZE + " " + max + " is below the current " + PREFERRED_BATCH_SIZE + " " + preferred
                + "; set both");
      }
    }
    return new DynamicBatchingConfig(
        max, preferred, maxQueueDelay.orElse(current.maxQueueDelay()), current.maxQueueSize());
  }
}
