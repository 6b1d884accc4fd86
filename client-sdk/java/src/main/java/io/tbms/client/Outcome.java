package io.tbms.client;

/** What became of one model of the chain, as the broker's trace reports it. */
public enum Outcome {
  /** Fired and answered (whether or not its answer was the one returned). */
  ANSWERED,
  /** Fired, no answer by the end. */
  LATE,
  /** Fired, then cancelled because the query completed. */
  CANCELLED,
  /** The model answered with an error; its backup fired at once. */
  ERROR,
  /** Skipped: its recent observed lag did not fit in the time left. */
  SKIPPED_LAG,
  /** Skipped: its circuit breaker was open. */
  SKIPPED_CIRCUIT,
  /** Skipped: the broker was overloaded and shed this query's priority. */
  SHED,
  /** The query ended before the entry's time came. */
  NOT_FIRED
}
