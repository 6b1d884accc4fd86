package io.tbms.zoo.batching;

/** What the batcher and the queue need to know of one queued inference request. */
public interface QueuedRequest {

  /** When it was queued, on the server's monotonic clock (nanoseconds). */
  long enqueuedNanos();

  /** How many items (rows of the batch dimension) it carries; at least 1. */
  int items();

  /** Its priority level, 1 (served first) .. {@link PriorityLevels#LEVELS}. */
  default int priorityLevel() {
    return PriorityLevels.DEFAULT_LEVEL;
  }

  /**
   * When it stops being worth computing, on the same clock as {@link #enqueuedNanos()};
   * {@link Long#MAX_VALUE} for never. A request still queued after it is rejected.
   */
  default long deadlineNanos() {
    return Long.MAX_VALUE;
  }
}
