package io.tbms.broker.lag;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Observed lag per model, as the downgrade policy reads it: a high quantile over a short window.
 * Callers record the latency of every answered call and, for a call still out when its query
 * ended, the time it had been out (a lower bound: a stalled model must look slow). Thread-safe.
 */
public interface LagStats {

  /** Records that a call to {@code model} took (at least) {@code lagNanos}, seen at {@code nowNanos}. */
  void record(String model, long lagNanos, long nowNanos);

  /** The model's recent lag quantile in nanoseconds; empty when nothing was recorded lately. */
  OptionalLong lag(String model, long nowNanos);

  /** Every model's recent lag quantile, for reports. */
  Map<String, Long> snapshot(long nowNanos);
}
