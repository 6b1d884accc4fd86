package io.tbms.bench;

import java.util.List;
import java.util.Optional;

/**
 * The decisions of the static-fallback baseline, as pure functions of timestamps: try the chain's
 * models one after another, each under a time limit of its estimate, all within one overall
 * deadline.
 *
 * <p>Attempt {@code i} starts when attempt {@code i - 1} timed out or failed, and its limit is
 * {@code min(est_i, deadline - now)} (an estimate of 0 means "no own limit": the time left). Once
 * the deadline has passed, or the chain is exhausted, there is no attempt left and the query ends
 * {@code EMPTY}. Unlike the broker, nothing runs in parallel and no model is skipped for lag.
 * Immutable and thread-safe; times are monotonic nanoseconds.
 */
public final class StaticFallbackPlan {

  /**
   * One model call to make.
   *
   * @param rank the chain position to call
   * @param limitNanos how long to wait for it before moving on, {@code > 0}
   */
  public record Attempt(int rank, long limitNanos) {}

  private final List<ChainEntry> chain;
  private final long budgetNanos;

  /**
   * @param chain the models, best first; not empty
   * @param budgetNanos the overall budget from the query's start, {@code > 0}
   */
  public StaticFallbackPlan(List<ChainEntry> chain, long budgetNanos) {
    this.chain = List.copyOf(chain);
    if (this.chain.isEmpty()) {
      throw new IllegalArgumentException("chain must not be empty");
    }
    if (budgetNanos <= 0) {
      throw new IllegalArgumentException("budgetNanos must be > 0, was " + budgetNanos);
    }
    this.budgetNanos = budgetNanos;
  }

  public List<ChainEntry> chain() {
    return chain;
  }

  /** The query's deadline, for a query that started at {@code startNanos}. */
  public long deadlineNanos(long startNanos) {
    return startNanos + budgetNanos;
  }

  /**
   * The attempt to make at {@code nowNanos}, starting from chain position {@code rank}, for a
   * query that started at {@code startNanos}; empty when the chain is exhausted or no time is left.
   */
  public Optional<Attempt> attempt(int rank, long startNanos, long nowNanos) {
    if (rank < 0) {
      throw new IllegalArgumentException("rank must be >= 0, was " + rank);
    }
    long leftNanos = deadlineNanos(startNanos) - nowNanos;
    if (rank >= chain.size() || leftNanos <= 0) {
      return Optional.empty();
    }
    long estNanos = chain.get(rank).estMillis() * 1_000_000L;
    long limitNanos = estNanos == 0 ? leftNanos : Math.min(estNanos, leftNanos);
    return Optional.of(new Attempt(rank, limitNanos));
  }
}
