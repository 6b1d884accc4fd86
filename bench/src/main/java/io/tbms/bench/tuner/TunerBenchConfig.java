package io.tbms.bench.tuner;

import java.util.List;
import java.util.Objects;

/**
 * The grid of one tuner bench run and the thresholds it is read against; immutable and validated (a
 * bad value is refused with a message naming the field).
 *
 * @param seed seeds the sampled shapes and the noise, so a run is the same run after run
 * @param sampledShapes how many {@code T(b) = base + k × b^p} shapes to draw besides the fixed ones
 *     (base 0.5..30 ms, k 0.05..10 ms, p 0.3..2)
 * @param maxBatchSizes the largest batch sizes considered, each a grid axis value, at least 1
 * @param maxReplicas the devices available (one replica each), at least 1
 * @param qps the model's total rates, queries per second
 * @param lagTargets the lag targets as multiples of the shape's {@code T(1)}: below 1 nothing can
 *     meet them
 * @param headroom the share of {@code QPS_max(b)} a replica may be offered, in (0, 1]
 * @param noisePercent measurement noise on every {@code T(b)}, {@code ±%}, in [0, 50); 0: exact times
 * @param gapTolerancePercent a case's gap counts as close when at most this, in %
 * @param measurementTargetPercent the share of a sweep's measurements the tuner should stay within, in %
 */
record TunerBenchConfig(long seed, int sampledShapes, List<Integer> maxBatchSizes, List<Integer> maxReplicas,
    List<Double> qps, List<Double> lagTargets, double headroom, double noisePercent, double gapTolerancePercent,
    double measurementTargetPercent) {

  static final long DEFAULT_SEED = 2026;
  static final int DEFAULT_SAMPLED_SHAPES = 20;
  static final List<Integer> DEFAULT_MAX_BATCH_SIZES = List.of(16, 32, 64, 128);
  static final List<Integer> DEFAULT_MAX_REPLICAS = List.of(1, 2, 4, 8);
  static final List<Double> DEFAULT_QPS = List.of(5.0, 50.0, 200.0, 1000.0, 5000.0);
  static final List<Double> DEFAULT_LAG_TARGETS = List.of(0.9, 1.25, 2.0, 4.0, 8.0);
  static final double DEFAULT_HEADROOM = 0.8;
  static final double DEFAULT_GAP_TOLERANCE_PERCENT = 2;
  static final double DEFAULT_MEASUREMENT_TARGET_PERCENT = 5;

  TunerBenchConfig {
    maxBatchSizes = atLeastOne("maxBatchSizes", maxBatchSizes);
    maxReplicas = atLeastOne("maxReplicas", maxReplicas);
    qps = positive("qps", qps);
    lagTargets = positive("lagTargets", lagTargets);
    if (sampledShapes < 0) {
      throw new IllegalArgumentException("sampledShapes must be >= 0, was " + sampledShapes);
    }
    if (!(headroom > 0 && headroom <= 1)) {
      throw new IllegalArgumentException("headroom must be in (0, 1], was " + headroom);
    }
    if (!(noisePercent >= 0 && noisePercent < 50)) {
      throw new IllegalArgumentException("noisePercent must be in [0, 50), was " + noisePercent);
    }
    if (!(gapTolerancePercent >= 0) || Double.isInfinite(gapTolerancePercent)) {
      throw new IllegalArgumentException("gapTolerancePercent must be >= 0, was " + gapTolerancePercent);
    }
    if (!(measurementTargetPercent > 0) || Double.isInfinite(measurementTargetPercent)) {
      throw new IllegalArgumentException("measurementTargetPercent must be > 0, was " + measurementTargetPercent);
    }
  }

  static TunerBenchConfig ofDefaults() {
    return new TunerBenchConfig(DEFAULT_SEED, DEFAULT_SAMPLED_SHAPES, DEFAULT_MAX_BATCH_SIZES, DEFAULT_MAX_REPLICAS,
        DEFAULT_QPS, DEFAULT_LAG_TARGETS, DEFAULT_HEADROOM, 0, DEFAULT_GAP_TOLERANCE_PERCENT,
        DEFAULT_MEASUREMENT_TARGET_PERCENT);
  }

  /** The largest of {@link #maxBatchSizes()}. */
  int largestBatchSize() {
    return maxBatchSizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  private static List<Integer> atLeastOne(String field, List<Integer> values) {
    Objects.requireNonNull(values, field);
    if (values.isEmpty() || values.stream().anyMatch(v -> v == null || v < 1)) {
      throw new IllegalArgumentException(field + " must be a non-empty list of integers >= 1, was " + values);
    }
    return List.copyOf(values);
  }

  private static List<Double> positive(String field, List<Double> values) {
    Objects.requireNonNull(values, field);
    if (values.isEmpty() || values.stream().anyMatch(v -> v == null || !(v > 0) || v.isInfinite())) {
      throw new IllegalArgumentException(field + " must be a non-empty list of numbers > 0, was " + values);
    }
    return List.copyOf(values);
  }
}
