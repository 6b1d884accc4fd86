package io.tbms.broker.batching;

import java.util.List;

/** What a {@link CrossBatcher} tells its adapter to do next. */
public sealed interface BatchDecision {

  /**
   * Send these members now, as one call, in this order (arrival order). They have left the
   * batcher's queue. Never empty, never more than the batch size read at the decision.
   */
  record Dispatch(List<BatchMember> members) implements BatchDecision {
    public Dispatch {
      members = List.copyOf(members);
      if (members.isEmpty()) {
        throw new IllegalArgumentException("members must not be empty");
      }
    }
  }

  /**
   * Nothing to send yet: decide again at {@code atNanos} (monotonic clock), or sooner when a
   * member joins or the batch size changes.
   */
  record WaitUntil(long atNanos) implements BatchDecision {}

  /** Nobody is waiting; no wake-up needed. */
  record Idle() implements BatchDecision {}

  Idle IDLE = new Idle();
}
