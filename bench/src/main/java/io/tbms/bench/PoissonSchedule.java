package io.tbms.bench;

import java.util.Random;

/**
 * The intended send times of an open-loop Poisson arrival process: inter-arrival gaps are drawn
 * from an exponential distribution with mean {@code 1 / rate}, {@code gap = -ln(1 - U) / rate}
 * with {@code U} uniform in {@code [0, 1)}.
 *
 * <p>Times are nanoseconds after the run's start; each call to {@link #nextNanos()} returns a time
 * strictly later than the previous one (a zero-length gap becomes one nanosecond). The randomness
 * is injected, so a seeded {@link Random} gives the same schedule every run. Not thread-safe: one
 * driver thread owns a schedule.
 */
public final class PoissonSchedule {

  private final Random random;
  private final double meanGapNanos;
  private long lastNanos;

  /**
   * @param ratePerSecond arrivals per second, {@code > 0}
   * @param random the source of randomness (seed it for a reproducible schedule)
   */
  public PoissonSchedule(double ratePerSecond, Random random) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("ratePerSecond must be > 0 and finite, was " + ratePerSecond);
    }
    this.random = java.util.Objects.requireNonNull(random, "random");
    this.meanGapNanos = 1e9 / ratePerSecond;
    this.lastNanos = 0;
  }

  /** The next intended send time, in nanoseconds after the start; strictly increasing. */
  public long nextNanos() {
    double gap = -Math.log1p(-random.nextDouble()) * meanGapNanos;
    lastNanos += Math.max(1L, Math.round(gap));
    return lastNanos;
  }
}
