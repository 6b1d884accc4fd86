package io.tbms.tuner.internal;

import io.tbms.tuner.BatchConfiguration;
import io.tbms.tuner.BatchProfile;
import io.tbms.tuner.BatchTimeProbe;
import io.tbms.tuner.ProfilePoint;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Chooses from a profile and measures more batch sizes only where the choice could change.
 *
 * <p>Each round scans the profile's estimates. A chosen batch size that was not measured is measured.
 * Then, as batch time never falls as the batch grows, the time of the nearest measured size below
 * {@code b} is a lower bound of {@code T(b)}; an unmeasured {@code b} that would beat the choice even
 * at that bound (on as few replicas, or fewer) is measured, the most promising first. When neither is
 * left the choice rests on measured times and nothing unmeasured can beat it: it is the choice a full
 * sweep of every batch size makes.
 */
public final class ProbingSearch {

  /** The profile after the last measurement, and the choice made from it (empty when nothing qualifies). */
  public record Outcome(BatchProfile profile, Optional<BatchConfiguration> best) {}

  private ProbingSearch() {}

  public static Outcome run(BatchProfile start, BatchTimeProbe probe, int maxBatchSize, double qps,
      double lagTargetMillis, double headroom) {
    BatchProfile profile = start;
    while (true) {
      Optional<BatchConfiguration> best = ConfigurationScan.best(profile, maxBatchSize, qps, lagTargetMillis, headroom);
      OptionalInt next = nextToMeasure(profile, best, maxBatchSize, qps, lagTargetMillis, headroom);
      if (next.isEmpty()) {
        return new Outcome(profile, best);
      }
      int b = next.getAsInt();
      profile = profile.withPoint(new ProfilePoint(b, probe.measureMillis(b)));
    }
  }

  static OptionalInt nextToMeasure(BatchProfile profile, Optional<BatchConfiguration> best, int maxBatchSize,
      double qps, double lagTargetMillis, double headroom) {
    if (best.isPresent() && !best.get().batchTimeMeasured()) {
      return OptionalInt.of(best.get().batchSize());
    }
    int lastReplicas = best.map(BatchConfiguration::replicas).orElseGet(() ->
        ConfigurationScan.replicasForBatchOfOne(profile.batchTimeMillis(1), qps, headroom));
    BatchConfiguration candidate = null;
    for (int b = 1; b <= maxBatchSize; b++) {
      if (profile.isMeasured(b)) {
        continue;
      }
      double bound = lowerBound(profile, b);
      for (int r = 1; r <= lastReplicas; r++) {
        BatchConfiguration c = BatchConfiguration.evaluate(b, r, bound, false, qps);
        if (c.meets(lagTargetMillis, headroom)
            && (best.isEmpty() || BatchConfiguration.PREFERENCE.compare(c, best.get()) < 0)
            && (candidate == null || BatchConfiguration.PREFERENCE.compare(c, candidate) < 0)) {
          candidate = c;
        }
      }
    }
    return candidate == null ? OptionalInt.empty() : OptionalInt.of(candidate.batchSize());
  }

  private static double lowerBound(BatchProfile profile, int batchSize) {
    double bound = Double.MIN_NORMAL;
    for (ProfilePoint p : profile.points()) {
      if (p.batchSize() < batchSize) {
        bound = p.batchTimeMillis();
      }
    }
    return bound;
  }
}
