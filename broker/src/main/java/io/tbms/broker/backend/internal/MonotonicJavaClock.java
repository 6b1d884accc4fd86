package io.tbms.broker.backend.internal;

import io.tbms.common.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link java.time.Clock} for libraries that measure waits with {@code instant()} (Resilience4j's
 * open-state wait): its instants count the injected clock's monotonic nanos from the epoch, so
 * only their differences mean anything, and a manual clock drives them in tests.
 */
public final class MonotonicJavaClock extends java.time.Clock {

  private final Clock clock;

  public MonotonicJavaClock(Clock clock) {
    this.clock = clock;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public java.time.Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.EPOCH.plusNanos(clock.nanoTime());
  }

  @Override
  public long millis() {
    return Math.floorDiv(clock.nanoTime(), 1_000_000L);
  }
}
