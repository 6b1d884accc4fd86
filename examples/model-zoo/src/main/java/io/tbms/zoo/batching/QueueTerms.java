package io.tbms.zoo.batching;

/**
 * What a request asks of the model's queue, as Triton's request parameters {@code priority} and
 * {@code timeout} (or a gRPC deadline) say it. Immutable.
 *
 * @param priority Triton's request priority: 0 for the model's default level, 1 the most important
 *     (see {@link PriorityLevels}); at least 0
 * @param timeoutMicros how long the request may wait in the queue before it is of no use, in
 *     microseconds from when it is queued; 0 for no limit. Past it, the request is rejected
 *     instead of computed (Triton's queue policy with {@code timeout_action: REJECT})
 */
public record QueueTerms(long priority, long timeoutMicros) {

  /** The field names of Triton's request parameters. */
  public static final String PRIORITY = "priority";
  public static final String TIMEOUT = "timeout";

  /** No priority, no timeout. */
  public static final QueueTerms NONE = new QueueTerms(0, 0);

  public QueueTerms {
    if (priority < 0) {
      throw new IllegalArgumentException(PRIORITY + " must be >= 0, was " + priority);
    }
    if (timeoutMicros < 0) {
      throw new IllegalArgumentException(TIMEOUT + " must be >= 0 microseconds, was " + timeoutMicros);
    }
  }

  /** The priority level the request waits at. */
  public int level() {
    return PriorityLevels.of(priority);
  }

  /**
   * The same terms with the shorter of this timeout and {@code otherMicros} (0: none), as when a
   * gRPC deadline and a {@code timeout} parameter both limit a request.
   */
  public QueueTerms withTimeoutAtMost(long otherMicros) {
    if (otherMicros <= 0 || (timeoutMicros > 0 && timeoutMicros <= otherMicros)) {
      return this;
    }
    return new QueueTerms(priority, otherMicros);
  }

  /**
   * When a request queued at {@code enqueuedNanos} stops being worth computing, on the same
   * monotonic clock; {@link Long#MAX_VALUE} when it has no timeout.
   */
  public long deadlineNanos(long enqueuedNanos) {
    if (timeoutMicros == 0) {
      return Long.MAX_VALUE;
    }
    long timeoutNanos = timeoutMicros > Long.MAX_VALUE / 1_000 ? Long.MAX_VALUE : timeoutMicros * 1_000;
    long deadline = enqueuedNanos + timeoutNanos;
    return deadline < enqueuedNanos ? Long.MAX_VALUE : deadline; // overflow: as good as none
  }
}
