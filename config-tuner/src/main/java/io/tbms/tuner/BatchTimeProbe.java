package io.tbms.tuner;

/**
 * Measures a model's batch time: runs (or looks up) a batch of {@code batchSize} items on one replica
 * and returns how long it took, in ms. Live profiling implements it against a model server; tests
 * implement it with a known {@code T(b)} and count the calls. Called from the recommending thread only.
 */
@FunctionalInterface
public interface BatchTimeProbe {

  /** The time of one batch of {@code batchSize} items, in ms; positive. */
  double measureMillis(int batchSize);
}
