package io.tbms.broker.lag;

import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * One model's recent observed lag: a high quantile of the latencies recorded in a sliding time
 * window. The downgrade policy compares it with the time a query has left.
 *
 * <p>Keeps at most {@code capacity} samples (the newest win), so memory is bounded whatever the
 * traffic. Timestamps come from the caller's injected clock. Thread-safe.
 */
public final class LagWindow {

  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
  public static final double DEFAULT_QUANTILE = 0.95;
  public static final int DEFAULT_CAPACITY = 1024;

  private final long windowNanos;
  private final double quantile;
  private final long[] at;
  private final long[] lag;
  private int start;
  private int size;

  public LagWindow(Duration window, double quantile, int capacity) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be > 0, was " + window);
    }
    if (!(quantile > 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1], was " + quantile);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.windowNanos = window.toNanos();
    this.quantile = quantile;
    this.at = new long[capacity];
    this.lag = new long[capacity];
  }

  public static LagWindow ofDefaults() {
    return new LagWindow(DEFAULT_WINDOW, DEFAULT_QUANTILE, DEFAULT_CAPACITY);
  }

  /** Records one observed latency (nanoseconds) at {@code nowNanos}. */
  public synchronized void record(long lagNanos, long nowNanos) {
    int slot = (start + size) % at.length;
    if (size == at.length) {
      start = (start + 1) % at.length;
    } else {
      size++;
    }
    at[slot] = nowNanos;
    lag[slot] = lagNanos;
  }

  /** The quantile of the samples recorded in the last window, or empty when there are none. */
  public synchronized OptionalLong quantile(long nowNanos) {
    while (size > 0 && at[start] <= nowNanos - windowNanos) {
      start = (start + 1) % at.length;
      size--;
    }
    if (size == 0) {
      return OptionalLong.empty();
    }
    long[] values = new long[size];
    for (int i = 0; i < size; i++) {
      values[i] = lag[(start + i) % at.length];
    }
    Arrays.sort(values);
    int rank = (int) Math.ceil(quantile * size) - 1;
    return OptionalLong.of(values[Math.max(0, rank)]);
  }
}
