package io.tbms.zoo.runtime;

import io.tbms.zoo.batching.QueueTerms;
import io.tbms.zoo.batching.QueuedRequest;
import io.tbms.zoo.model.Prediction;
import io.vertx.core.Promise;
import java.util.List;

/** One request in a {@link ModelRunner}: queued, then part of a batch, until its promise completes. */
final class QueuedCall implements QueuedRequest {

  final long enqueuedNanos;
  final long deadlineNanos;
  final int level;
  final List<String> texts;
  final int topClasses;
  final Promise<List<Prediction>> promise = Promise.promise();
  /** Guarded by the runner's monitor: the caller left after the request was batched. */
  boolean withdrawn;

  QueuedCall(long enqueuedNanos, List<String> texts, int topClasses, QueueTerms terms) {
    this.enqueuedNanos = enqueuedNanos;
    this.deadlineNanos = terms.deadlineNanos(enqueuedNanos);
    this.level = terms.level();
    this.texts = texts;
    this.topClasses = topClasses;
  }

  @Override
  public long enqueuedNanos() {
    return enqueuedNanos;
  }

  @Override
  public int items() {
    return texts.size();
  }

  @Override
  public int priorityLevel() {
    return level;
  }

  @Override
  public long deadlineNanos() {
    return deadlineNanos;
  }
}
