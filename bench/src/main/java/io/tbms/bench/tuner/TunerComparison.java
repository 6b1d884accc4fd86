package io.tbms.bench.tuner;

import io.tbms.tuner.BatchConfiguration;
import io.tbms.tuner.NeedsMoreDevices;
import io.tbms.tuner.Recommendation;
import io.tbms.tuner.Recommended;
import io.tbms.tuner.Recommender;
import io.tbms.tuner.TunerConfig;
import io.tbms.tuner.search.ExhaustiveSearch;
import io.tbms.tuner.search.SearchResult;
import java.util.Optional;

/**
 * Runs one case both ways: the {@link Recommender} measuring {@code T(b)} through a counting probe,
 * and {@link ExhaustiveSearch} over every batch size and every replica count.
 *
 * <p>The sweep runs on {@code max(maxReplicas, ⌈q × T(1) / (1000 × headroom)⌉ + 1)} replicas: on the
 * devices available it is the Model-Analyzer-style sweep, and beyond them, up to where a batch of one
 * keeps up, it finds how many devices would do when the available ones do not (which the tuner
 * reports as {@link NeedsMoreDevices}). When nothing qualifies on any of them, the case is
 * unreachable. Stateless; runs on the caller's thread.
 */
final class TunerComparison {

  private TunerComparison() {}

  static CaseResult run(TunerCase c, double headroom) {
    TunerConfig config = new TunerConfig(headroom, c.maxReplicas(), c.maxBatchSize());
    int[] measurements = {0};
    Recommendation recommendation = new Recommender(config).recommend(c.shape().name(), b -> {
      measurements[0]++;
      return c.shape().at(b);
    }, c.qps(), c.lagTargetMillis());

    SearchResult sweep = ExhaustiveSearch.search(c.shape().millis(), c.maxBatchSize(),
        Math.max(c.maxReplicas(), replicasForBatchOfOne(c.shape().at(1), c.qps(), headroom)), c.qps(),
        c.lagTargetMillis(), headroom);
    Optional<BatchConfiguration> best = sweep.best();
    ChoiceKind sweepKind = best.isEmpty() ? ChoiceKind.UNREACHABLE
        : best.get().replicas() <= c.maxReplicas() ? ChoiceKind.RECOMMENDED : ChoiceKind.NEEDS_MORE_DEVICES;
    return new CaseResult(c, ChoiceKind.of(recommendation), configuration(recommendation), sweepKind, best,
        measurements[0]);
  }

  /** {@code ⌈q × T(1) / (1000 × headroom)⌉ + 1}: with as many replicas a batch of one keeps up, at lag {@code T(1)}. */
  static int replicasForBatchOfOne(double batchOfOneMillis, double qps, double headroom) {
    return (int) Math.min(1_000_000, Math.ceil(qps * batchOfOneMillis / (1000.0 * headroom)) + 1);
  }

  private static Optional<BatchConfiguration> configuration(Recommendation recommendation) {
    if (recommendation instanceof Recommended r) {
      return Optional.of(r.configuration());
    }
    if (recommendation instanceof NeedsMoreDevices n) {
      return Optional.of(n.configuration());
    }
    return Optional.empty();
  }
}
