package io.tbms.broker.downgrade;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides, just before an entry fires, whether to skip it. Checked in this order:
 *
 * <ol>
 *   <li>{@link SkipReason#CIRCUIT}: the model's circuit breaker is open;
 *   <li>{@link SkipReason#SHED}: the query's priority is being shed;
 *   <li>{@link SkipReason#LAG}: the model's recent observed lag (a high quantile over a short
 *       window) exceeds the time left before the deadline. A model with no lag history is
 *       trusted at the caller's estimate.
 * </ol>
 *
 * <p>Pure and stateless: the caller supplies the lag statistic, the breaker state and the time
 * left, all read from its injected clock and shared state.
 */
public final class DowngradePolicy {

  /**
   * @param estimateNanos the caller's estimate for this entry
   * @param observedLagNanos the model's recent lag quantile, empty when there is no history
   * @param circuitOpen whether the model's circuit breaker refuses calls
   * @param shed whether admission is shedding this query's priority
   * @param timeLeftNanos time from now to the query's deadline
   * @return the reason to skip, or empty to fire
   */
  public Optional<SkipReason> check(
      long estimateNanos, OptionalLong observedLagNanos, boolean circuitOpen, boolean shed, long timeLeftNanos) {
    if (circuitOpen) {
      return Optional.of(SkipReason.CIRCUIT);
    }
    if (shed) {
      return Optional.of(SkipReason.SHED);
    }
    long expected = observedLagNanos.orElse(estimateNanos);
    if (expected > timeLeftNanos) {
      return Optional.of(SkipReason.LAG);
    }
    return Optional.empty();
  }
}
