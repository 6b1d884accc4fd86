package io.tbms.broker.lag;

import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * One model's recent observed lag: a high quantile of the latencies recorded in a sliding time
 * window. The downgrade policy compares it with the time a query has left.
 *
 * <p>Keeps at most {@code capacity} samples (the newest win), so memory is bounded whatever the
 * traffic. The quantile costs a sort of the window, and the downgrade policy asks for it before
 * every call, so it is recomputed at most once per {@code refresh} (a few milliseconds change
 * nothing in a window of seconds); a refresh of zero recomputes on every read. Timestamps come
 * from the caller's injected clock. Thread-safe.
 */
public final class LagWindow {

  public static final int DEFAULT_CAPACITY = 1024;
  public static final Duration DEFAULT_REFRESH = Duration.ofMillis(5);

  private final long windowNanos;
  private final double quantile;
  private final long[] at;
  private final long[] lag;
  private final long refreshNanos;
  private int start;
  private int size;
  private boolean computed;
  private long computedAt;
  private OptionalLong last = OptionalLong.empty();

  /** A window whose quantile is recomputed on every read. */
  public LagWindow(Duration window, double quantile, int capacity) {
    this(window, quantile, capacity, Duration.ZERO);
  }

  /** @param refresh how long a computed quantile is reused, {@code >= 0} */
  public LagWindow(Duration window, double quantile, int capacity, Duration refresh) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be > 0, was " + window);
    }
    if (!(quantile > 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1], was " + quantile);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    if (refresh.isNegative()) {
      throw new IllegalArgumentException("refresh must be >= 0, was " + refresh);
    }
    this.refreshNanos = refresh.toNanos();
    this.windowNanos = window.toNanos();
    this.quantile = quantile;
    this.at = new long[capacity];
    this.lag = new long[capacity];
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

  /**
   * The quantile of the samples recorded in the last window, or empty when there are none; at most
   * {@code refresh} old.
   */
  public synchronized OptionalLong quantile(long nowNanos) {
    if (computed && nowNanos - computedAt < refreshNanos) {
      return last;
    }
    computed = true;
    computedAt = nowNanos;
    last = compute(nowNanos);
    return last;
  }

  private OptionalLong compute(long nowNanos) {
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
