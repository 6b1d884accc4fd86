package io.tbms.broker.query;

/** What became of one chain entry, as the answer's trace reports it. */
public enum Outcome {
  ANSWERED,
  /** Fired, no answer by the end. */
  LATE,
  /** Fired, then cancelled because another answer won. */
  CANCELLED,
  ERROR,
  SKIPPED_LAG,
  SKIPPED_CIRCUIT,
  SHED,
  /** The query ended before the entry's time came. */
  NOT_FIRED
}
