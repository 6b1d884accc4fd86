package io.tbms.broker.query;

/** How a query completes before its deadline. */
public enum Policy {
  /** The first successful answer wins; outstanding calls are cancelled. */
  FIRST,
  /**
   * An answer is returned at once only when no higher-ranked model can still answer; a
   * lower-ranked answer is held until a better one arrives or the deadline.
   */
  BEST
}
