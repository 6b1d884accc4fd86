package io.tbms.zoo.batching;

import java.time.Duration;
import java.util.Collection;

/**
 * The batch decision of Triton's dynamic batcher, as a pure function of the queue and the time.
 *
 * <p>Called when an instance is free to take a batch. Requests are taken whole and in queue
 * order (a {@link RequestQueue}: the highest priority level first, arrival order within a level),
 * as many as fit in the target size: the largest preferred batch size, or {@code maxBatchSize}
 * when no preferred size is configured. As in Triton, a batch never grows past the
 * largest preferred size, even when more requests would fit in {@code maxBatchSize}; a single
 * request larger than the target goes alone. The decision is:
 *
 * <ol>
 *   <li>queue empty: {@link BatchDecision.Idle};
 *   <li>the first request alone exceeds the target: dispatch it alone;
 *   <li>the fitting requests reach the target size, or the next request would not fit: dispatch
 *       now;
 *   <li>the oldest of the fitting requests has waited {@code maxQueueDelay}: dispatch the largest
 *       batch that can be formed;
 *   <li>otherwise wait until that delay runs out, or until the earliest deadline among the
 *       fitting requests passes (so that the runner rejects the expired request then, as Triton
 *       wakes for its pending batch's closest timeout), whichever comes first.
 * </ol>
 *
 * <p>Requests whose deadline has passed are the queue's to remove ({@link
 * RequestQueue#removeExpired}) before deciding; the batcher does not look at deadlines otherwise.
 *
 * <p>Stateless and thread-safe; it never sleeps and never reads a clock.
 */
public final class DynamicBatcher {

  private final DynamicBatchingConfig config;

  public DynamicBatcher(DynamicBatchingConfig config) {
    this.config = config;
  }

  public DynamicBatchingConfig config() {
    return config;
  }

  /**
   * @param queue the waiting requests in serving order (a {@link RequestQueue}, or any collection
   *     in the order requests should be taken)
   * @param nowNanos the current monotonic time
   */
  public BatchDecision decide(Collection<? extends QueuedRequest> queue, long nowNanos) {
    if (queue.isEmpty()) {
      return BatchDecision.IDLE;
    }
    int target = config.targetBatchSize();
    int requests = 0;
    int items = 0;
    long oldestNanos = Long.MAX_VALUE;
    long earliestDeadline = Long.MAX_VALUE;
    for (QueuedRequest request : queue) {
      if (items + request.items() > target) {
        break;
      }
      items += request.items();
      requests++;
      oldestNanos = Math.min(oldestNanos, request.enqueuedNanos());
      earliestDeadline = Math.min(earliestDeadline, request.deadlineNanos());
    }
    if (requests == 0) {
      // larger than the largest preferred size (over the maximum is refused at admission, or was
      // admitted under a larger maximum before a reconfiguration): it goes alone, never stranded
      return new BatchDecision.Dispatch(1, queue.iterator().next().items());
    }
    boolean full = items >= target || requests < queue.size();
    if (full) {
      return new BatchDecision.Dispatch(requests, items);
    }
    long waitedNanos = nowNanos - oldestNanos;
    long delayNanos = config.maxQueueDelay().toNanos();
    if (waitedNanos >= delayNanos) {
      return new BatchDecision.Dispatch(requests, items);
    }
    long waitNanos = delayNanos - waitedNanos;
    if (earliestDeadline != Long.MAX_VALUE) {
      // wake just after the deadline: a request is expired once the time is past it
      waitNanos = Math.min(waitNanos, Math.max(1, earliestDeadline - nowNanos + 1));
    }
    return new BatchDecision.WaitFor(Duration.ofNanos(waitNanos));
  }
}
