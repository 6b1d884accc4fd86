package io.tbms.broker.batching;

/**
 * Settings of cross-request batching that do not change at run time. The batch size does (the
 * tuner applies it live), so it is read from a supplier at every decision instead.
 *
 * @param maxPending the most members one model's queue may hold; more are refused, so the queue
 *     is bounded whatever the traffic. At least 1.
 */
public record CrossBatchConfig(int maxPending) {

  public static final int DEFAULT_MAX_PENDING = 1024;

  public CrossBatchConfig {
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be >= 1, was " + maxPending);
    }
  }

  public static CrossBatchConfig ofDefaults() {
    return new CrossBatchConfig(DEFAULT_MAX_PENDING);
  }
}
