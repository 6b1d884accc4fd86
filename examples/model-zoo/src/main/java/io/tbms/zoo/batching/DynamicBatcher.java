package io.tbms.zoo.batching;

import java.time.Duration;
import java.util.Collection;

/**
 * The batch decision of Triton's dynamic batcher, as a pure function of the queue and the time.
 *
 * <p>Called when an instance is free to take a batch. Requests are taken whole and in arrival
 * order, as many as fit in the target size: the largest preferred batch size, or {@code
 * maxBatchSize} when no preferred size is configured. As in Triton, a batch never grows past the
 * largest preferred size, even when more requests would fit in {@code maxBatchSize}; a single
 * request larger than the target goes alone. The decision is:
 *
 * <ol>
 *   <li>queue empty: {@link BatchDecision.Idle};
 *   <li>the oldest request alone exceeds the target: dispatch it alone;
 *   <li>the fitting requests reach the target size, or the next request would not fit: dispatch
 *       now;
 *   <li>the oldest request has waited {@code maxQueueDelay}: dispatch the largest batch that
 *       can be formed;
 *   <li>otherwise wait until the oldest request's delay runs out.
 * </ol>
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
   * @param queue the waiting requests, oldest first
   * @param nowNanos the current monotonic time
   */
  public BatchDecision decide(Collection<? extends QueuedRequest> queue, long nowNanos) {
    if (queue.isEmpty()) {
      return BatchDecision.IDLE;
    }
    int target = config.targetBatchSize();
    int requests = 0;
    int items = 0;
    for (QueuedRequest request : queue) {
      if (items + request.items() > target) {
        break;
      }
      items += request.items();
      requests++;
    }
    QueuedRequest oldest = queue.iterator().next();
    if (requests == 0) {
      // larger than the largest preferred size (over the maximum is refused at admission, or was
      // admitted under a larger maximum before a reconfiguration): it goes alone, never stranded
      return new BatchDecision.Dispatch(1, oldest.items());
    }
    boolean full = items >= target || requests < queue.size();
    if (full) {
      return new BatchDecision.Dispatch(requests, items);
    }
    long waitedNanos = nowNanos - oldest.enqueuedNanos();
    long delayNanos = config.maxQueueDelay().toNanos();
    if (waitedNanos >= delayNanos) {
      return new BatchDecision.Dispatch(requests, items);
    }
    return new BatchDecision.WaitFor(Duration.ofNanos(delayNanos - waitedNanos));
  }
}
