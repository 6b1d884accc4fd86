package io.tbms.tuner.internal;

import io.tbms.tuner.BatchConfiguration;
import io.tbms.tuner.BatchProfile;
import java.util.Optional;

/**
 * The best configuration for a profile's batch times: replica counts from 1 up, every batch size at
 * each, the first count with a qualifying batch size and its lowest lag. The search ends: with
 * {@code r >= q × T(1) / (1000 × headroom)} replicas a batch of one keeps up with headroom at lag
 * {@code T(1)}, so when {@code T(1)} misses the target, nothing meets it.
 */
public final class ConfigurationScan {

  private ConfigurationScan() {}

  public static Optional<BatchConfiguration> best(BatchProfile profile, int maxBatchSize, double qps,
      double lagTargetMillis, double headroom) {
    double[] times = profile.batchTimesMillis(maxBatchSize);
    boolean[] measured = new boolean[maxBatchSize + 1];
    for (int b = 1; b <= maxBatchSize; b++) {
      measured[b] = profile.isMeasured(b);
    }
    int lastReplicas = replicasForBatchOfOne(times[1], qps, headroom);
    for (int r = 1; r <= lastReplicas; r++) {
      BatchConfiguration best = null;
      for (int b = 1; b <= maxBatchSize; b++) {
        BatchConfiguration c = BatchConfiguration.evaluate(b, r, times[b], measured[b], qps);
        if (c.meets(lagTargetMillis, headroom) && (best == null || BatchConfiguration.PREFERENCE.compare(c, best) < 0)) {
          best = c;
        }
      }
      if (best != null) {
        return Optional.of(best);
      }
    }
    return Optional.empty();
  }

  /**
   * When nothing qualifies on {@code replicas} replicas: the configuration on all of them that
   * keeps up (not saturated) at the lowest lag, else, when every batch size saturates, the one
   * with the highest {@code QPS_max} (its queue grows slowest). Headroom and target are ignored.
   */
  public static BatchConfiguration bestEffort(BatchProfile profile, int maxBatchSize, double qps, int replicas) {
    double[] times = profile.batchTimesMillis(maxBatchSize);
    BatchConfiguration best = null;
    for (int b = 1; b <= maxBatchSize; b++) {
      BatchConfiguration c = BatchConfiguration.evaluate(b, replicas, times[b], profile.isMeasured(b), qps);
      if (best == null || betterEffort(c, best)) {
        best = c;
      }
    }
    return best;
  }

  private static boolean betterEffort(BatchConfiguration c, BatchConfiguration best) {
    if (c.saturated() != best.saturated()) {
      return !c.saturated();
    }
    return c.saturated() ? c.qpsMax() > best.qpsMax() : c.lagMillis() < best.lagMillis();
  }

  /** The replicas at which a batch of one keeps up with headroom: {@code ⌈q × T(1) / (1000 × headroom)⌉}, plus one for rounding. */
  public static int replicasForBatchOfOne(double batchOfOneMillis, double qps, double headroom) {
    double replicas = Math.ceil(qps * batchOfOneMillis / (1000.0 * headroom)) + 1;
    return (int) Math.min(Integer.MAX_VALUE - 1, Math.max(1, replicas));
  }
}
