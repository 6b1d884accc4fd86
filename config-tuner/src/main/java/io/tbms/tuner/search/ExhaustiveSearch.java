package io.tbms.tuner.search;

import io.tbms.tuner.BatchConfiguration;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

/**
 * The reference the recommender is held to: measures {@code T(b)} for every batch size 1 to
 * {@code maxBatchSize}, evaluates every batch size on every replica count 1 to {@code maxReplicas},
 * and keeps the qualifying configuration first in {@link BatchConfiguration#PREFERENCE} (fewest
 * replicas, lowest lag, smallest batch). A qualifying configuration has
 * {@code q / r <= headroom × QPS_max(b)} and {@code Lag(b, q / r) <= L}.
 *
 * <p>It costs {@code maxBatchSize} measurements and {@code maxBatchSize × maxReplicas} evaluations,
 * and assumes nothing about the shape of {@code T(b)}. Times in ms, rates in queries per second.
 * Stateless; the batch time function is called on the caller's thread, once per batch size.
 */
public final class ExhaustiveSearch {

  private ExhaustiveSearch() {}

  public static SearchResult search(IntToDoubleFunction batchTimeMillis, int maxBatchSize, int maxReplicas,
      double qps, double lagTargetMillis, double headroom) {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1, was " + maxBatchSize);
    }
    if (maxReplicas < 1) {
      throw new IllegalArgumentException("maxReplicas must be >= 1, was " + maxReplicas);
    }
    double[] times = new double[maxBatchSize + 1];
    for (int b = 1; b <= maxBatchSize; b++) {
      times[b] = batchTimeMillis.applyAsDouble(b);
    }
    BatchConfiguration best = null;
    long candidates = 0;
    for (int b = 1; b <= maxBatchSize; b++) {
      for (int r = 1; r <= maxReplicas; r++) {
        candidates++;
        BatchConfiguration c = BatchConfiguration.evaluate(b, r, times[b], true, qps);
        if (c.meets(lagTargetMillis, headroom) && (best == null || BatchConfiguration.PREFERENCE.compare(c, best) < 0)) {
          best = c;
        }
      }
    }
    return new SearchResult(Optional.ofNullable(best), maxBatchSize, candidates);
  }
}
