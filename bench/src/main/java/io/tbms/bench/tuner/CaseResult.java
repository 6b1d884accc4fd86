package io.tbms.bench.tuner;

import io.tbms.tuner.BatchConfiguration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The tuner's choice next to the sweep's for one case, and what the tuner measured. Immutable.
 *
 * <p>The gaps are in %, positive where the tuner is worse: {@code devicesGapPercent = 100 × (r_tuner −
 * r_sweep) / r_sweep}; {@code capacityGapPercent = 100 × (C_sweep − C_tuner) / C_sweep} with {@code C =
 * QPS_max(b) × r}, the most the chosen configuration serves at full batches (its throughput at the lag
 * target is {@code headroom × C}); {@code lagGapPercent = 100 × (Lag_tuner − Lag_sweep) / Lag_sweep}. They
 * are 0 when both found nothing, and {@code NaN} when the two kinds differ, which {@link #gapPercent()}
 * counts as 100.
 *
 * @param tunerCase the case
 * @param tunerKind what the tuner concluded
 * @param tunerChoice its configuration, empty when {@link ChoiceKind#UNREACHABLE}
 * @param sweepKind what the sweep concluded
 * @param sweepChoice its configuration, empty when {@link ChoiceKind#UNREACHABLE}
 * @param tunerMeasurements how many times the tuner asked for a batch time {@code T(b)}
 */
record CaseResult(TunerCase tunerCase, ChoiceKind tunerKind, Optional<BatchConfiguration> tunerChoice,
    ChoiceKind sweepKind, Optional<BatchConfiguration> sweepChoice, int tunerMeasurements) {

  /** The gap of a case whose outcome kinds differ. */
  static final double DIFFERENT_KIND_GAP_PERCENT = 100;

  CaseResult {
    Objects.requireNonNull(tunerCase, "tunerCase");
    Objects.requireNonNull(tunerKind, "tunerKind");
    Objects.requireNonNull(tunerChoice, "tunerChoice");
    Objects.requireNonNull(sweepKind, "sweepKind");
    Objects.requireNonNull(sweepChoice, "sweepChoice");
    if (tunerChoice.isPresent() == (tunerKind == ChoiceKind.UNREACHABLE)
        || sweepChoice.isPresent() == (sweepKind == ChoiceKind.UNREACHABLE)) {
      throw new IllegalArgumentException("a configuration must be present unless the kind is unreachable");
    }
  }

  boolean sameKind() {
    return tunerKind == sweepKind;
  }

  /** Whether tuner and sweep chose the same batch size and replica count (or both found none). */
  boolean sameConfiguration() {
    return sameKind() && tunerChoice.map(CaseResult::key).equals(sweepChoice.map(CaseResult::key));
  }

  double devicesGapPercent() {
    return gap(BatchConfiguration::replicas, -1);
  }

  double capacityGapPercent() {
    return gap(CaseResult::capacityQps, 1);
  }

  double lagGapPercent() {
    return gap(BatchConfiguration::lagMillis, -1);
  }

  /** The largest of the three gaps in absolute value; {@value #DIFFERENT_KIND_GAP_PERCENT} when the kinds differ. */
  double gapPercent() {
    if (!sameKind()) {
      return DIFFERENT_KIND_GAP_PERCENT;
    }
    return Math.max(Math.abs(devicesGapPercent()), Math.max(Math.abs(capacityGapPercent()), Math.abs(lagGapPercent())));
  }

  /** The tuner's measurements over the batch sizes a sweep measures ({@code maxBatchSize}), in %. */
  double batchSizeSharePercent() {
    return 100.0 * tunerMeasurements / tunerCase.maxBatchSize();
  }

  /** The tuner's measurements over the (b, r) configurations a Model-Analyzer-style sweep runs, in %. */
  double configurationSharePercent() {
    return 100.0 * tunerMeasurements / tunerCase.sweepConfigurations();
  }

  /** {@code QPS_max(b) × r}: the most the configuration serves at full batches, queries per second. */
  static double capacityQps(BatchConfiguration c) {
    return c.qpsMax() * c.replicas();
  }

  /** {@code sign} +1: the tuner is worse when its value is lower; -1: when it is higher. */
  private double gap(ToDoubleFunction<BatchConfiguration> value, int sign) {
    if (!sameKind()) {
      return Double.NaN;
    }
    if (sweepChoice.isEmpty()) {
      return 0;
    }
    double sweep = value.applyAsDouble(sweepChoice.get());
    double tuner = value.applyAsDouble(tunerChoice.get());
    return tuner == sweep ? 0 : 100.0 * sign * (sweep - tuner) / sweep;
  }

  private static String key(BatchConfiguration c) {
    return c.batchSize() + "x" + c.replicas();
  }
}
