package io.tbms.broker.admission;

/**
 * What {@link Admission} says about a query at arrival, with the in-flight count and the limit it
 * was judged by (for traces and metrics).
 */
public sealed interface Verdict {

  /** Model calls in flight when judged. */
  int inflight();

  /** The limit when judged. */
  int limit();

  /** Run the chain as scheduled. */
  record Admit(int inflight, int limit) implements Verdict {}

  /**
   * The query's priority is being shed: its entries are skipped as {@code SHED}, except the
   * cheapest one, which may still run while there is room under the limit.
   */
  record Shed(int inflight, int limit) implements Verdict {}

  /** Not even the cheapest entry can run: the front answers 429 / {@code RESOURCE_EXHAUSTED}. */
  record Reject(int inflight, int limit) implements Verdict {}
}
