package io.tbms.broker.admission;

/** Which concurrency-limits algorithm adapts the broker's limit on model calls in flight. */
public enum LimitAlgorithm {
  /**
   * {@code Gradient2Limit}: shrinks the limit when the short-term RTT rises above the long-term
   * average (by more than its tolerance), grows it otherwise. The default.
   */
  GRADIENT2,
  /** {@code VegasLimit}: estimates the queue from the RTT over the lowest RTT seen; shrinks when it grows. */
  VEGAS,
  /** A constant limit, {@link AdmissionConfig#initialLimit()}; for tests and fixed-capacity deployments. */
  FIXED
}
