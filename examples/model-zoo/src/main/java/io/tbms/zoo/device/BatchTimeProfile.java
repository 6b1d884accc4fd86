package io.tbms.zoo.device;

import java.time.Duration;

/**
 * The batch-time profile of a model on an emulated GPU: {@code T(b) = baseMillis + perItemMillis × b}.
 *
 * <p>{@code baseMillis} is the fixed cost of one execution (kernel launches, transfers), the part
 * that batching amortises; {@code perItemMillis} is what each item adds. The emulated device holds
 * a batch for its real compute time plus {@code T(b)}.
 *
 * @param baseMillis fixed cost per batch, in milliseconds, {@code >= 0}
 * @param perItemMillis cost per item, in milliseconds, {@code >= 0}
 */
public record BatchTimeProfile(double baseMillis, double perItemMillis) {

  /** No emulated time: a CPU instance. */
  public static final BatchTimeProfile NONE = new BatchTimeProfile(0, 0);

  public BatchTimeProfile {
    if (!(baseMillis >= 0) || Double.isInfinite(baseMillis)) {
      throw new IllegalArgumentException("baseMillis must be >= 0, was " + baseMillis);
    }
    if (!(perItemMillis >= 0) || Double.isInfinite(perItemMillis)) {
      throw new IllegalArgumentException("perItemMillis must be >= 0, was " + perItemMillis);
    }
  }

  /** {@code T(b)} for a batch of {@code items} items. */
  public Duration batchTime(int items) {
    if (items < 1) {
      throw new IllegalArgumentException("items must be >= 1, was " + items);
    }
    return Duration.ofNanos(Math.round((baseMillis + perItemMillis * items) * 1_000_000d));
  }
}
