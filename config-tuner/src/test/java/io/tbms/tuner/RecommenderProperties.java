package io.tbms.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tbms.tuner.search.ExhaustiveSearch;
import io.tbms.tuner.search.SearchResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;

/**
 * The recommender against the {@link ExhaustiveSearch} reference on generated batch-time curves
 * {@code T(b) = base + perItem × b^shape}: linear (shape 1), concave (below 1, as GPUs amortise) and
 * convex (above 1, as memory runs short), with generated traffic, lag targets and device counts.
 */
class RecommenderProperties {

  /** A generated model: {@code T(b) = baseMillis + perItemMillis × b^shape}. */
  record Curve(double baseMillis, double perItemMillis, double shape) {
    double at(int b) {
      return baseMillis + perItemMillis * Math.pow(b, shape);
    }

    String kind() {
      return shape == 1 ? "linear" : shape < 1 ? "concave" : "convex";
    }
  }

  /** The traffic and the limits: the lag target as a multiple of {@code T(1)}, so most goals are reachable. */
  record Goal(double qps, double lagTargetOverBatchOfOne, double headroom, int maxReplicas, int maxBatchSize) {
    TunerConfig config() {
      return new TunerConfig(headroom, maxReplicas, maxBatchSize);
    }
  }

  @Provide
  Arbitrary<Curve> curves() {
    Arbitrary<Double> shape = Arbitraries.oneOf(Arbitraries.just(1.0),
        uniform(0.3, 0.95), uniform(1.05, 2.0));
    return Combinators.combine(uniform(0.5, 30), uniform(0.05, 10), shape).as(Curve::new);
  }

  @Provide
  Arbitrary<Curve> lines() {
    return Combinators.combine(uniform(0.5, 30), uniform(0.05, 10)).as((base, perItem) -> new Curve(base, perItem, 1.0));
  }

  @Provide
  Arbitrary<Goal> goals() {
    Arbitrary<Double> qps = uniform(0, 3.7).map(exponent -> Math.pow(10, exponent));
    return Combinators.combine(qps, uniform(0.8, 6), uniform(0.5, 1.0),
            Arbitraries.integers().between(1, 8).withDistribution(RandomDistribution.uniform()),
            Arbitraries.integers().between(1, 64).withDistribution(RandomDistribution.uniform()))
        .as(Goal::new);
  }

  private static Arbitrary<Double> uniform(double min, double max) {
    return Arbitraries.doubles().between(min, max).withDistribution(RandomDistribution.uniform());
  }

  @Property(tries = 1000)
  void probingChoosesWhatAFullSweepChoosesWithFewerMeasurements(@ForAll("curves") Curve curve,
      @ForAll("goals") Goal goal) {
    double lagTarget = goal.lagTargetOverBatchOfOne() * curve.at(1);
    Set<Integer> measured = new HashSet<>();
    List<Integer> calls = new ArrayList<>();
    Recommendation recommendation = new Recommender(goal.config()).recommend("m", b -> {
      calls.add(b);
      measured.add(b);
      return curve.at(b);
    }, goal.qps(), lagTarget);
    SearchResult sweep = sweep(curve, goal.config(), goal.qps(), lagTarget);

    assertSameChoice(recommendation, sweep.best(), goal.maxReplicas());
    assertThat(calls).hasSameSizeAs(measured).hasSize(recommendation.measuredPoints());
    assertThat(calls.size()).isLessThanOrEqualTo(sweep.evaluations());
    Statistics.label("curve").collect(curve.kind());
    Statistics.label("outcome").collect(recommendation.getClass().getSimpleName());
    Statistics.label("measured").collect(goal.maxBatchSize() < 16 ? "max batch < 16"
        : calls.size() * 4 <= goal.maxBatchSize() ? "<= 25% of the sweep"
        : calls.size() * 2 <= goal.maxBatchSize() ? "<= 50% of the sweep" : "> 50% of the sweep");
  }

  @Property(tries = 500)
  void fromAHandfulOfMeasuredSizesTheFitOfALinearModelChoosesWhatAFullSweepChooses(@ForAll("lines") Curve line,
      @ForAll("goals") Goal goal) {
    double lagTarget = goal.lagTargetOverBatchOfOne() * line.at(1);
    List<ProfilePoint> points = new ArrayList<>();
    for (int b : Recommender.seedBatchSizes(goal.maxBatchSize())) {
      points.add(new ProfilePoint(b, line.at(b)));
    }
    Recommendation recommendation =
        new Recommender(goal.config()).recommend(new BatchProfile("m", points), goal.qps(), lagTarget);

    assertSameChoice(recommendation, sweep(line, goal.config(), goal.qps(), lagTarget).best(), goal.maxReplicas());
  }

  /** The sweep over enough replicas that a batch of one keeps up, so "needs more devices" is checked too. */
  private static SearchResult sweep(Curve curve, TunerConfig config, double qps, double lagTarget) {
    int replicas = (int) Math.ceil(qps * curve.at(1) / (1000 * config.headroom())) + 1;
    return ExhaustiveSearch.search(curve::at, config.maxBatchSize(), Math.max(replicas, config.maxReplicas()), qps,
        lagTarget, config.headroom());
  }

  private static void assertSameChoice(Recommendation recommendation, Optional<BatchConfiguration> best, int maxReplicas) {
    if (best.isEmpty()) {
      assertThat(recommendation).isInstanceOf(Unreachable.class);
      return;
    }
    BatchConfiguration expected = best.get();
    BatchConfiguration chosen;
    if (expected.replicas() <= maxReplicas) {
      assertThat(recommendation).isInstanceOf(Recommended.class);
      chosen = ((Recommended) recommendation).configuration();
    } else {
      assertThat(recommendation).isInstanceOf(NeedsMoreDevices.class);
      chosen = ((NeedsMoreDevices) recommendation).configuration();
    }
    assertThat(chosen.replicas()).isEqualTo(expected.replicas());
    assertThat(chosen.lagMillis()).isCloseTo(expected.lagMillis(), within(0.02 * expected.lagMillis()));
  }
}
