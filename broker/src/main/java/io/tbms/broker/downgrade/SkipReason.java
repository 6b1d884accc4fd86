package io.tbms.broker.downgrade;

/** Why the broker skipped (downgraded past) a chain entry instead of firing it. */
public enum SkipReason {
  /** Its recent observed lag does not fit in the time left before the deadline. */
  LAG,
  /** Its circuit breaker is open: the backend is failing. */
  CIRCUIT,
  /** The broker is overloaded and this query's priority is being shed. */
  SHED
}
