package io.tbms.tuner.profile;

import io.tbms.tuner.BatchProfile;
import io.tbms.tuner.ProfilePoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A batch-time profile taken at no extra load: from the per-batch-size statistics a server already
 * keeps ({@link BatchStat}), {@code T(b) = compute_infer_ns / count / 1e6} ms for every batch size
 * that has run at least {@code minBatches} times. Sizes that never ran are left to the profile's
 * fit (or to active probing). Pure.
 */
public final class PassiveProfile {

  /** Batch sizes with fewer batches than this are too noisy to keep (default 3). */
  public static final int DEFAULT_MIN_BATCHES = 3;

  private PassiveProfile() {}

  /** The profile of {@code model} from {@code stats}; empty when no batch size ran often enough. */
  public static Optional<BatchProfile> from(String model, List<BatchStat> stats, int minBatches) {
    if (minBatches < 1) {
      throw new IllegalArgumentException("minBatches must be >= 1, was " + minBatches);
    }
    List<ProfilePoint> points = new ArrayList<>();
    for (BatchStat stat : stats) {
      if (stat.count() >= minBatches && stat.computeInferNanos() > 0) {
        points.add(new ProfilePoint(stat.batchSize(), stat.computeInferNanos() / (double) stat.count() / 1e6));
      }
    }
    points.sort(Comparator.comparingInt(ProfilePoint::batchSize));
    return points.isEmpty() ? Optional.empty() : Optional.of(new BatchProfile(model, points));
  }
}
