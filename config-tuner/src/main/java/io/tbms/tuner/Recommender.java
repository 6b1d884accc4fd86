package io.tbms.tuner;

import io.tbms.tuner.internal.ConfigurationScan;
import io.tbms.tuner.internal.ProbingSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses, per model, the batch size {@code b} and replica count {@code r} (one device each) for an
 * observed total rate {@code q} and a lag target {@code L} (by default the model's {@code est_ms} as
 * callers send it):
 *
 * <pre>
 *   qualifies(b, r)  ⇔  q / r <= headroom × QPS_max(b)   and   Lag(b, q / r) <= L
 *   QPS_max(b) = (1000 / T(b)) × b,   Lag(b, q) = T(b) + (1000 / q) × (b − 1) / 2
 * </pre>
 *
 * <p>Among qualifying configurations it takes the fewest replicas, then the lowest lag, then the
 * smaller batch ({@link BatchConfiguration#PREFERENCE}). Within {@link TunerConfig#maxReplicas()} that
 * is {@link Recommended}; beyond, {@link NeedsMoreDevices} names the fewest devices that would and at
 * what occupancy ({@code (q / r) / QPS_max(b)}); when even a batch of one takes longer than {@code L},
 * {@link Unreachable}. Batch sizes 1 to {@link TunerConfig#maxBatchSize()} are considered.
 *
 * <p>{@code T(b)} comes from a {@link BatchProfile} (measured points, the fit between them), or from a
 * {@link BatchTimeProbe}: then the batch sizes 1, 2, 4, … and the largest are measured first and a
 * further size only where it could change the choice, assuming batch time never falls as the batch
 * grows; the result is the choice of a sweep over every batch size with far fewer measurements.
 *
 * <p>Times in ms, rates in queries per second. Pure: no clock, no I/O except through the probe.
 * Immutable and safe to share; a call runs on the caller's thread.
 */
public final class Recommender {

  private final TunerConfig config;

  public Recommender(TunerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public TunerConfig config() {
    return config;
  }

  /** The choice for {@code qps} in all and a mean lag within {@code lagTargetMillis}, from the profile as it is. */
  public Recommendation recommend(BatchProfile profile, double qps, double lagTargetMillis) {
    Objects.requireNonNull(profile, "profile");
    check(qps, lagTargetMillis);
    Optional<BatchConfiguration> best =
        ConfigurationScan.best(profile, config.maxBatchSize(), qps, lagTargetMillis, config.headroom());
    return toRecommendation(profile, best, lagTargetMillis);
  }

  /**
   * For when {@link #recommend} finds nothing on the devices available (it needs more, or the
   * target is out of reach): the best that can be done on all {@link TunerConfig#maxReplicas()} of
   * them, the configuration that keeps up at the lowest lag (or, when none keeps up, the one with
   * the most throughput). What a live tuner applies meanwhile; the target may be missed.
   */
  public BatchConfiguration bestEffort(BatchProfile profile, double qps) {
    Objects.requireNonNull(profile, "profile");
    check(qps, 1);
    return ConfigurationScan.bestEffort(profile, config.maxBatchSize(), qps, config.maxReplicas());
  }

  /** The choice for {@code qps} and {@code lagTargetMillis}, measuring through {@code probe} what it needs. */
  public Recommendation recommend(String model, BatchTimeProbe probe, double qps, double lagTargetMillis) {
    Objects.requireNonNull(probe, "probe");
    check(qps, lagTargetMillis);
    List<ProfilePoint> seed = new ArrayList<>();
    for (int b : seedBatchSizes(config.maxBatchSize())) {
      seed.add(new ProfilePoint(b, probe.measureMillis(b)));
    }
    ProbingSearch.Outcome outcome = ProbingSearch.run(new BatchProfile(model, seed), probe, config.maxBatchSize(), qps,
        lagTargetMillis, config.headroom());
    return toRecommendation(outcome.profile(), outcome.best(), lagTargetMillis);
  }

  /** The batch sizes measured first: 1, 2, 4, … below {@code maxBatchSize}, and {@code maxBatchSize}. */
  public static List<Integer> seedBatchSizes(int maxBatchSize) {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1, was " + maxBatchSize);
    }
    List<Integer> sizes = new ArrayList<>();
    for (int b = 1; b < maxBatchSize; b *= 2) {
      sizes.add(b);
    }
    sizes.add(maxBatchSize);
    return List.copyOf(sizes);
  }

  private Recommendation toRecommendation(BatchProfile profile, Optional<BatchConfiguration> best,
      double lagTargetMillis) {
    int measured = profile.points().size();
    if (best.isEmpty()) {
      return new Unreachable(profile.model(), lagTargetMillis, profile.batchTimeMillis(1), measured);
    }
    BatchConfiguration chosen = best.get();
    if (chosen.replicas() > config.maxReplicas()) {
      return new NeedsMoreDevices(profile.model(), chosen, config.maxReplicas(), lagTargetMillis, config.headroom(),
          measured);
    }
    return new Recommended(profile.model(), chosen, lagTargetMillis, measured);
  }

  private static void check(double qps, double lagTargetMillis) {
    if (!(qps > 0) || !Double.isFinite(qps)) {
      throw new IllegalArgumentException("qps must be a positive number, was " + qps);
    }
    if (!(lagTargetMillis > 0) || !Double.isFinite(lagTargetMillis)) {
      throw new IllegalArgumentException("lagTargetMillis must be a positive number of ms, was " + lagTargetMillis);
    }
  }
}
