package io.tbms.common.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that moves only when told to, for tests and simulations. Monotonic and wall
 * time advance together. Thread-safe.
 */
public final class ManualClock implements Clock {

  /** 2026-01-01T00:00:00Z, so wall timestamps in tests look like real ones. */
  public static final long DEFAULT_WALL_MILLIS = 1_767_225_600_000L;

  private final AtomicLong nanos = new AtomicLong();
  private final long wallOriginMillis;

  public ManualClock() {
    this(DEFAULT_WALL_MILLIS);
  }

  public ManualClock(long wallOriginMillis) {
    this.wallOriginMillis = wallOriginMillis;
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long wallMillis() {
    return wallOriginMillis + nanos.get() / 1_000_000L;
  }

  /** Moves time forward by {@code step}; a negative step is refused (time is monotonic). */
  public ManualClock advance(Duration step) {
    long stepNanos = step.toNanos();
    if (stepNanos < 0) {
      throw new IllegalArgumentException("step must be >= 0, was " + step);
    }
    nanos.addAndGet(stepNanos);
    return this;
  }

  public ManualClock advanceMillis(long millis) {
    return advance(Duration.ofMillis(millis));
  }
}
