package io.tbms.broker.schedule;

import java.time.Duration;
import java.util.List;

/**
 * When each entry of a chain fires, relative to the query's arrival {@code t0}:
 *
 * <pre>fire(i) = min(sum of estimate(j) for j &lt; i, budget)</pre>
 *
 * <p>The first entry fires at once; each backup fires when the entries before it have run past
 * their combined estimates; nothing is planned past the budget. Pure and immutable.
 */
public final class FireSchedule {

  private final long[] offsetsNanos;

  private FireSchedule(long[] offsetsNanos) {
    this.offsetsNanos = offsetsNanos;
  }

  /**
   * @param chain the entries, best first; at least one
   * @param budget the whole time budget, {@code > 0}
   */
  public static FireSchedule of(List<ChainEntry> chain, Duration budget) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must have at least one entry");
    }
    long budgetNanos = budget.toNanos();
    if (budgetNanos <= 0) {
      throw new IllegalArgumentException("budget must be > 0, was " + budget);
    }
    long[] offsets = new long[chain.size()];
    long sum = 0;
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = Math.min(sum, budgetNanos);
      sum = Math.min(Long.MAX_VALUE / 2, sum + chain.get(i).estimate().toNanos());
    }
    return new FireSchedule(offsets);
  }

  public int size() {
    return offsetsNanos.length;
  }

  /** Entry {@code i}'s planned fire time after arrival, in nanoseconds. */
  public long offsetNanos(int i) {
    return offsetsNanos[i];
  }
}
