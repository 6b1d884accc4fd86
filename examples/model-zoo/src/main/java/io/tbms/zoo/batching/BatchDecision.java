package io.tbms.zoo.batching;

import java.time.Duration;

/** What the {@link DynamicBatcher} tells its adapter to do next. */
public sealed interface BatchDecision {

  /** Take the first {@code requests} queued requests, {@code items} items in all, as one batch. */
  record Dispatch(int requests, int items) implements BatchDecision {}

  /** Nothing to dispatch yet; decide again after {@code delay} or when something changes. */
  record WaitFor(Duration delay) implements BatchDecision {}

  /** The queue is empty. */
  record Idle() implements BatchDecision {}

  Idle IDLE = new Idle();
}
