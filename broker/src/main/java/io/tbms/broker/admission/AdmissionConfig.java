package io.tbms.broker.admission;

import java.util.Objects;

/**
 * Settings of {@link Admission}. Immutable; the constructor names the field of a bad value.
 *
 * @param algorithm how the limit adapts to model-call RTT
 * @param initialLimit the limit on model calls in flight before any sample, {@code minLimit..maxLimit}
 * @param minLimit the lowest the limit may fall, {@code >= 1} (Gradient2; Vegas floors at 1)
 * @param maxLimit the highest the limit may rise
 * @param lowestShare the share of the limit at which the least important priority (9) starts
 *     being shed, in {@code (0, 1]}; priority 0's share is 1 and shares fall linearly in between
 *     (see {@link PriorityShedding})
 */
public record AdmissionConfig(
    LimitAlgorithm algorithm, int initialLimit, int minLimit, int maxLimit, double lowestShare) {

  public static final LimitAlgorithm DEFAULT_ALGORITHM = LimitAlgorithm.GRADIENT2;
  /**
   * Model calls, not queries: a query holds up to one call per chain entry, so a burst of 50
   * queries over a four-model chain may briefly hold 200.
   */
  public static final int DEFAULT_INITIAL_LIMIT = 200;
  public static final int DEFAULT_MIN_LIMIT = 20;
  public static final int DEFAULT_MAX_LIMIT = 2000;
  /** With 0.55, a share falls by 1/20 per priority step: {@code share(p) = 1 − p/20}. */
  public static final double DEFAULT_LOWEST_SHARE = 0.55;

  public AdmissionConfig {
    Objects.requireNonNull(algorithm, "algorithm");
    if (minLimit < 1) {
      throw new IllegalArgumentException("minLimit must be >= 1, was " + minLimit);
    }
    if (maxLimit < minLimit) {
      throw new IllegalArgumentException("maxLimit must be >= minLimit (" + minLimit + "), was " + maxLimit);
    }
    if (initialLimit < minLimit || initialLimit > maxLimit) {
      throw new IllegalArgumentException(
          "initialLimit must be within " + minLimit + ".." + maxLimit + ", was " + initialLimit);
    }
    if (!(lowestShare > 0 && lowestShare <= 1)) {
      throw new IllegalArgumentException("lowestShare must be in (0, 1], was " + lowestShare);
    }
  }

  public static AdmissionConfig ofDefaults() {
    return new AdmissionConfig(
        DEFAULT_ALGORITHM, DEFAULT_INITIAL_LIMIT, DEFAULT_MIN_LIMIT, DEFAULT_MAX_LIMIT, DEFAULT_LOWEST_SHARE);
  }

  public AdmissionConfig withAlgorithm(LimitAlgorithm value) {
    return new AdmissionConfig(value, initialLimit, minLimit, maxLimit, lowestShare);
  }

  /** The three limits at once, so that they are validated together. */
  public AdmissionConfig withLimits(int initial, int min, int max) {
    return new AdmissionConfig(algorithm, initial, min, max, lowestShare);
  }

  public AdmissionConfig withLowestShare(double value) {
    return new AdmissionConfig(algorithm, initialLimit, minLimit, maxLimit, value);
  }
}
