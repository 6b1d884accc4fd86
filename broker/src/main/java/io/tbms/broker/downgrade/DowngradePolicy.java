package io.tbms.broker.downgrade;

import java.util.Optional;

/**
 * Decides, just before an entry fires, whether to skip it. Checked in this order:
 *
 * <ol>
 *   <li>{@link SkipReason#CIRCUIT}: the model's circuit breaker is open (the backend errs or has
 *       stalled);
 *   <li>{@link SkipReason#SHED}: the query's priority is being shed;
 *   <li>{@link SkipReason#LAG}: the entry's chance of answering in the time left is too small to
 *       be worth a call: below {@code minChance}, or none at all. The chain's last entry has no
 *       backup, so it fires at any chance above zero.
 * </ol>
 *
 * <p>The chance is the share of the model's recent calls that answered within the time left (for
 * a model the broker has not seen lately: 1 when its expected latency fits, else 0). An entry
 * with a fair chance is worth firing even when it may miss: its backups keep their own latest
 * useful starts, so firing it takes nothing from them.
 *
 * <p>Pure and immutable: the caller supplies the chance, the breaker state and the shedding
 * verdict, all read from its injected clock and shared state.
 */
public final class DowngradePolicy {

  private final double minChance;

  /** @param minChance the least chance of answering in time for which a non-last entry fires, in [0, 1] */
  public DowngradePolicy(double minChance) {
    if (!(minChance >= 0 && minChance <= 1)) {
      throw new IllegalArgumentException("minChance must be in [0, 1], was " + minChance);
    }
    this.minChance = minChance;
  }

  /**
   * @param chance the entry's chance of answering in the time left, in [0, 1]
   * @param last whether no entry of the chain comes after this one
   * @param circuitOpen whether the model's circuit breaker refuses calls
   * @param shed whether admission is shedding this query's priority
   * @return the reason to skip, or empty to fire
   */
  public Optional<SkipReason> check(double chance, boolean last, boolean circuitOpen, boolean shed) {
    if (circuitOpen) {
      return Optional.of(SkipReason.CIRCUIT);
    }
    if (shed) {
      return Optional.of(SkipReason.SHED);
    }
    if (chance <= 0 || (!last && chance < minChance)) {
      return Optional.of(SkipReason.LAG);
    }
    return Optional.empty();
  }

  /**
   * The chance of a model the broker has no recent call of: its expected latency (a peer's
   * observation, else the caller's estimate) fits the time left, or not.
   */
  public static double chanceByExpected(long expectedNanos, long timeLeftNanos) {
    return expectedNanos <= timeLeftNanos ? 1 : 0;
  }

  public double minChance() {
    return minChance;
  }
}
