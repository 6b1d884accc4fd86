package io.tbms.broker.batching;

/** Whether a {@link CrossBatcher} took a new member: a full queue is an expected answer, not an error. */
public sealed interface OfferResult {

  /** The member waits in the queue until a {@link BatchDecision.Dispatch} takes it. */
  record Accepted() implements OfferResult {}

  /** The queue already holds {@code maxPending} members; the query must do without batching. */
  record QueueFull(int maxPending) implements OfferResult {}

  Accepted ACCEPTED = new Accepted();
}
