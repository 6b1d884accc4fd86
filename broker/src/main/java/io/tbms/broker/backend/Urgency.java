package io.tbms.broker.backend;

import java.util.OptionalLong;

/**
 * When a call's answer stops being of use, and how much it matters: what a {@code ModelInfer}
 * call tells the model server, so that the server can drop a request nobody waits for any more
 * and serve the more important ones first (Triton's queue policy and priority levels). Immutable.
 *
 * <p>On the wire (see docs/broker.md): the time left until {@code deadlineNanos} when the call
 * is sent, as the gRPC {@code grpc-timeout} header and as the KServe/Triton request parameter
 * {@code timeout} (an {@code int64}, microseconds); the priority as the request parameter {@code
 * priority}, Triton's scale: {@link #tritonPriority()}.
 *
 * @param deadlineNanos when the answer stops being of use, on the broker's monotonic clock
 *     ({@code Clock.nanoTime()}); {@link Long#MAX_VALUE} for none (no timeout is sent)
 * @param priority the query's priority, 0 (most important) .. 9 (least), or -1 for none (no
 *     priority is sent)
 */
public record Urgency(long deadlineNanos, int priority) {

  /** No deadline, no priority: the call carries neither. */
  public static final Urgency NONE = new Urgency(Long.MAX_VALUE, -1);

  /** The broker's least important priority. */
  public static final int LOWEST_PRIORITY = 9;

  public Urgency {
    if (priority < -1 || priority > LOWEST_PRIORITY) {
      throw new IllegalArgumentException("priority must be in 0.." + LOWEST_PRIORITY + " or -1 (none), was " + priority);
    }
  }

  /**
   * What a call shared by the queries of both carries (cross-request batching): the later
   * deadline, since the model server drops a whole request when its timeout expires and a shared
   * call is worth computing as long as one of its queries can still use the answer; and the more
   * important priority, since it answers that query too.
   */
  public Urgency join(Urgency other) {
    int joined = priority < 0 ? other.priority : other.priority < 0 ? priority : Math.min(priority, other.priority);
    return new Urgency(Math.max(deadlineNanos, other.deadlineNanos), joined);
  }

  /**
   * The time left at {@code nowNanos}, in whole microseconds rounded down and at least 1 (to a
   * model server a timeout of 0 means none); empty without a deadline.
   */
  public OptionalLong timeoutMicros(long nowNanos) {
    if (deadlineNanos == Long.MAX_VALUE) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.max(1, (deadlineNanos - nowNanos) / 1_000));
  }

  /**
   * The priority on Triton's scale, where 1 is served first and 0 means the model's default
   * level: the broker's {@code p} (0 most important) becomes {@code p + 1}, so priorities 0..9
   * are levels 1..10. A model configured with fewer levels (Triton: {@code priority_levels})
   * serves levels above its last at its default level. 0 (none) without a priority.
   */
  public long tritonPriority() {
    return priority < 0 ? 0 : priority + 1L;
  }
}
