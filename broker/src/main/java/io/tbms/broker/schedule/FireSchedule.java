package io.tbms.broker.schedule;

import java.time.Duration;
import java.util.List;

/**
 * When each entry of a chain fires, relative to the query's arrival {@code t0}, given each entry's
 * expected latency {@code e(i)} and the time {@code D} from arrival to the deadline:
 *
 * <pre>
 * fire(0) = 0
 * fire(i) = max(0, min(fire(i-1) + e(i-1), D - e(i) - s))     (i &gt; 0)
 * </pre>
 *
 * then each {@code fire(i)} is lowered to {@code fire(i+1)} where that is earlier, so a better
 * entry never fires after a worse one.
 *
 * <p>A backup fires when the entry before it has run past its expected latency, or at its
 * <em>latest useful start</em> {@code D - e(i) - s} if that comes first: the last moment at which
 * it can still answer in time by its own expected latency, with {@code s} ({@value
 * #START_SLACK_MILLIS} ms) for the broker's own work of sending the call and taking its answer. So a slow first entry never leaves the
 * cheap ones no time, and an entry that cannot answer in time even when fired at once fires at
 * once. Pure and immutable.
 */
public final class FireSchedule {

  /** The time the latest useful start keeps for sending a call and taking its answer, in ms. */
  public static final long START_SLACK_MILLIS = 1;

  private static final long START_SLACK_NANOS = START_SLACK_MILLIS * 1_000_000L;

  private final long[] offsetsNanos;

  private FireSchedule(long[] offsetsNanos) {
    this.offsetsNanos = offsetsNanos;
  }

  /**
   * @param chain the entries, best first, each with its expected latency; at least one
   * @param untilDeadline the time from arrival to the deadline ({@code D}), {@code > 0}
   */
  public static FireSchedule of(List<ChainEntry> chain, Duration untilDeadline) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must have at least one entry");
    }
    long deadlineNanos = untilDeadline.toNanos();
    if (deadlineNanos <= 0) {
      throw new IllegalArgumentException("the time until the deadline must be > 0, was " + untilDeadline);
    }
    long[] offsets = new long[chain.size()];
    for (int i = 1; i < offsets.length; i++) {
      long afterPrevious = saturatedAdd(offsets[i - 1], chain.get(i - 1).estimate().toNanos());
      long latestStart = deadlineNanos - chain.get(i).estimate().toNanos() - START_SLACK_NANOS;
      offsets[i] = Math.max(0, Math.min(afterPrevious, latestStart));
    }
    for (int i = offsets.length - 2; i >= 0; i--) {
      offsets[i] = Math.min(offsets[i], offsets[i + 1]);
    }
    return new FireSchedule(offsets);
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }

  public int size() {
    return offsetsNanos.length;
  }

  /** Entry {@code i}'s planned fire time after arrival, in nanoseconds. */
  public long offsetNanos(int i) {
    return offsetsNanos[i];
  }
}
