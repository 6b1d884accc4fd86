package io.tbms.client;

/** How a query completes (docs/design.md §2). */
public enum Policy {
  /** The first successful answer wins; outstanding calls are cancelled. The default. */
  FIRST,
  /**
   * An answer from the highest-ranked model still able to answer is returned at once; a
   * lower-ranked answer is held until a better one arrives or the deadline.
   */
  BEST
}
