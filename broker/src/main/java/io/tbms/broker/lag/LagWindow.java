package io.tbms.broker.lag;

import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One model's recent observed latency: the calls recorded in a sliding time window, read as a
 * high quantile (the expected latency the schedule plans with) and as the chance of answering
 * within a given time (what the downgrade policy weighs).
 *
 * <p>A sample is either an answer's latency or, for a call given up on before it answered, the
 * time it had been out: a lower bound ({@code answered = false}). Lower bounds count in the
 * quantile at their value (a stalled model must look slow). In the chance of answering within
 * {@code t}, a lower bound of at least {@code t} is a call that did not answer within {@code t};
 * one below {@code t} says nothing about {@code t} and is left out.
 *
 * <p>Keeps at most {@code capacity} samples (the newest win), so memory is bounded whatever the
 * traffic. Reading costs a sort of the window, and the broker reads before every call, so the
 * sorted view is recomputed at most once per {@code refresh} (a few milliseconds change nothing in
 * a window of seconds); a refresh of zero recomputes on every read. Timestamps come from the
 * caller's injected clock. Thread-safe.
 */
public final class LagWindow {

  public static final int DEFAULT_CAPACITY = 1024;
  public static final Duration DEFAULT_REFRESH = Duration.ofMillis(5);

  private final long windowNanos;
  private final double quantile;
  private final long[] at;
  private final long[] lag;
  private final boolean[] answered;
  private final long refreshNanos;
  private int start;
  private int size;
  private boolean computed;
  private long computedAt;
  /** The window's samples, sorted, as of {@code computedAt}: all, the answers, the lower bounds. */
  private long[] all = new long[0];
  private long[] answers = new long[0];
  private long[] bounds = new long[0];

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
    this.answered = new boolean[capacity];
  }

  /** Records one answer's latency (nanoseconds) at {@code nowNanos}. */
  public void record(long lagNanos, long nowNanos) {
    record(lagNanos, nowNanos, true);
  }

  /**
   * Records one call at {@code nowNanos}: its latency when {@code answered}, else how long it had
   * been out when it was given up on (a lower bound).
   */
  public synchronized void record(long lagNanos, long nowNanos, boolean answered) {
    int slot = (start + size) % at.length;
    if (size == at.length) {
      start = (start + 1) % at.length;
    } else {
      size++;
    }
    at[slot] = nowNanos;
    lag[slot] = lagNanos;
    this.answered[slot] = answered;
  }

  /**
   * The quantile of the samples recorded in the last window, or empty when there are none; at most
   * {@code refresh} old.
   */
  public synchronized OptionalLong quantile(long nowNanos) {
    refresh(nowNanos);
    if (all.length == 0) {
      return OptionalLong.empty();
    }
    int rank = (int) Math.ceil(quantile * all.length) - 1;
    return OptionalLong.of(all[Math.max(0, rank)]);
  }

  /**
   * The share of the window's calls known to have answered within {@code withinNanos} among those
   * whose outcome within it is known, in {@code [0, 1]}; empty when none is known. At most {@code
   * refresh} old.
   */
  public synchronized OptionalDouble chance(long withinNanos, long nowNanos) {
    refresh(nowNanos);
    int missedForSure = bounds.length - countBelow(bounds, withinNanos);
    int known = answers.length + missedForSure;
    if (known == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((double) countAtMost(answers, withinNanos) / known);
  }

  private void refresh(long nowNanos) {
    if (computed && nowNanos - computedAt < refreshNanos) {
      return;
    }
    computed = true;
    computedAt = nowNanos;
    while (size > 0 && at[start] <= nowNanos - windowNanos) {
      start = (start + 1) % at.length;
      size--;
    }
    long[] values = new long[size];
    int answers = 0;
    for (int i = 0; i < size; i++) {
      int slot = (start + i) % at.length;
      values[i] = lag[slot];
      if (answered[slot]) {
        answers++;
      }
    }
    long[] answeredValues = new long[answers];
    long[] boundValues = new long[size - answers];
    for (int i = 0, a = 0, b = 0; i < size; i++) {
      int slot = (start + i) % at.length;
      if (answered[slot]) {
        answeredValues[a++] = lag[slot];
      } else {
        boundValues[b++] = lag[slot];
      }
    }
    Arrays.sort(values);
    Arrays.sort(answeredValues);
    Arrays.sort(boundValues);
    this.all = values;
    this.answers = answeredValues;
    this.bounds = boundValues;
  }

  /** How many of the sorted {@code values} are {@code < limit}. */
  private static int countBelow(long[] values, long limit) {
    return limit == Long.MIN_VALUE ? 0 : countAtMost(values, limit - 1);
  }

  /** How many of the sorted {@code values} are {@code <= limit}. */
  private static int countAtMost(long[] values, long limit) {
    int low = 0;
    int high = values.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (values[mid] <= limit) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
