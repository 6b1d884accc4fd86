package io.tbms.broker.lag;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Lag statistics that take no sample before the broker is ready: calls made during a cold start
 * (first connections, class loading, a model server's first batch) are slow for reasons that are
 * gone a moment later, and in a window of a few seconds one of them would keep its model skipped
 * long after. Reads pass through. Thread-safe when its parts are.
 */
public final class ReadyGatedLagStats implements LagStats {

  private final LagStats delegate;
  private final BooleanSupplier ready;

  /** @param ready whether the broker is ready now (read at every sample until it first is) */
  public ReadyGatedLagStats(LagStats delegate, BooleanSupplier ready) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.ready = Objects.requireNonNull(ready, "ready");
  }

  @Override
  public void record(String model, long lagNanos, long nowNanos, boolean answered) {
    if (ready.getAsBoolean()) {
      delegate.record(model, lagNanos, nowNanos, answered);
    }
  }

  @Override
  public OptionalDouble chance(String model, long withinNanos, long nowNanos) {
    return delegate.chance(model, withinNanos, nowNanos);
  }

  @Override
  public OptionalLong lag(String model, long nowNanos) {
    return delegate.lag(model, nowNanos);
  }

  @Override
  public Map<String, Long> snapshot(long nowNanos) {
    return delegate.snapshot(nowNanos);
  }
}
