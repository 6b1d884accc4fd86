package io.tbms.zoo.batching;

/** What the batcher needs to know of one queued inference request. */
public interface QueuedRequest {

  /** When it was queued, on the server's monotonic clock (nanoseconds). */
  long enqueuedNanos();

  /** How many items (rows of the batch dimension) it carries; at least 1. */
  int items();
}
