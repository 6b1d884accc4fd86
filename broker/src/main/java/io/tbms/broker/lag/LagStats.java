package io.tbms.broker.lag;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Observed lag per model over a short window, as the broker reads it: a high quantile (the
 * expected latency its schedule plans with) and the chance of answering within a time (what the
 * downgrade policy weighs). Callers record the latency of every answered call and, for a call
 * given up on while still out, the time it had been out (a lower bound: a stalled model must look
 * slow). Thread-safe.
 */
public interface LagStats {

  /** Records that a call to {@code model} answered in {@code lagNanos}, seen at {@code nowNanos}. */
  default void record(String model, long lagNanos, long nowNanos) {
    record(model, lagNanos, nowNanos, true);
  }

  /**
   * Records a call to {@code model} seen at {@code nowNanos}: its latency when {@code answered},
   * else how long it had been out when it was given up on.
   */
  void record(String model, long lagNanos, long nowNanos, boolean answered);

  /**
   * The share of the model's recent calls that answered within {@code withinNanos}; empty when
   * this broker has no recent call of it.
   */
  OptionalDouble chance(String model, long withinNanos, long nowNanos);

  /** The model's recent lag quantile in nanoseconds; empty when nothing was recorded lately. */
  OptionalLong lag(String model, long nowNanos);

  /** Every model's recent lag quantile, for reports. */
  Map<String, Long> snapshot(long nowNanos);
}
