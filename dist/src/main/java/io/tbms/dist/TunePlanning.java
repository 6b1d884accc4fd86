package io.tbms.dist;

import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.tuner.NeedsMoreDevices;
import io.tbms.tuner.Recommendation;
import io.tbms.tuner.Recommended;
import io.tbms.tuner.Recommender;
import io.tbms.tuner.TunerConfig;
import io.tbms.tuner.apply.BatchingPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What {@code tune apply} and {@code tune watch} share: reading a profile, and choosing on the model's devices. */
final class TunePlanning {

  private TunePlanning() {}

  /** The profile file, or an {@link IllegalArgumentException} naming the file and the problem. */
  static ProfileFile read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read profile " + file + ": " + e.getMessage(), e);
    }
    try {
      return ProfileFile.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The devices the model runs on now: one per device named by its replicas ({@code gpu0+gpu1}
   * counts two). Apply changes batching only, so a choice may use at most these.
   */
  static int devices(ModelConfig model) {
    int devices = 0;
    for (ReplicaConfig replica : model.replicas()) {
      devices += replica.device().split("\\+").length;
    }
    return Math.max(1, devices);
  }

  /**
   * The recommendation, and the plan to apply: the recommended one, else (when the devices there
   * are cannot meet the target) the best-effort one if {@code bestEffort}, else none.
   */
  record Choice(Recommendation recommendation, Optional<BatchingPlan> plan) {}

  static Choice choose(ProfileFile file, double qps, double lagTargetMillis, int maxReplicas, double headroom,
      boolean bestEffort) {
    TunerConfig config = new TunerConfig(headroom, maxReplicas, file.profile().largestMeasuredBatchSize());
    Recommender recommender = new Recommender(config);
    Recommendation r = recommender.recommend(file.profile(), qps, lagTargetMillis);
    if (r instanceof Recommended recommended) {
      return new Choice(r, Optional.of(BatchingPlan.of(recommended, qps)));
    }
    if (!bestEffort) {
      return new Choice(r, Optional.empty());
    }
    String why = r instanceof NeedsMoreDevices more
        ? more.configuration().replicas() + " devices would meet the target"
        : "no number of devices meets the target";
    return new Choice(r, Optional.of(BatchingPlan.bestEffort(r.model(), recommender.bestEffort(file.profile(), qps), qps,
        lagTargetMillis, why)));
  }
}
