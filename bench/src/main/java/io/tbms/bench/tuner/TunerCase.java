package io.tbms.bench.tuner;

import java.util.Objects;

/**
 * One point of the grid: a model, the devices available, the largest batch size, the traffic and
 * the lag target. Immutable.
 *
 * @param shape the model's batch time {@code T(b)}
 * @param maxBatchSize the largest batch size considered
 * @param maxReplicas the devices available, one replica each
 * @param qps the model's total rate, queries per second
 * @param lagTargetMillis the mean lag to stay within, in ms
 */
record TunerCase(BatchTimeShape shape, int maxBatchSize, int maxReplicas, double qps, double lagTargetMillis) {

  TunerCase {
    Objects.requireNonNull(shape, "shape");
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1, was " + maxBatchSize);
    }
    if (maxReplicas < 1) {
      throw new IllegalArgumentException("maxReplicas must be >= 1, was " + maxReplicas);
    }
    if (!(qps > 0) || !(lagTargetMillis > 0)) {
      throw new IllegalArgumentException("qps and lagTargetMillis must be > 0, were " + qps + ", " + lagTargetMillis);
    }
  }

  /** The configurations a Model-Analyzer-style sweep runs on the devices available: every (b, r) once. */
  int sweepConfigurations() {
    return maxBatchSize * maxReplicas;
  }
}
