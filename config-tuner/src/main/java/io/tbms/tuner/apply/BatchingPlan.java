package io.tbms.tuner.apply;

import io.tbms.tuner.BatchConfiguration;
import io.tbms.tuner.Recommended;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code apply} sets for one model: the batch size and the queue delay, with the numbers they
 * came from.
 *
 * <p>The queue delay is how long a batch may wait to fill: the time {@code b − 1} more queries take
 * to arrive at a replica, {@code 1000 × (b − 1) / q} ms for {@code q} QPS per replica, but never so
 * long that the batch time plus the wait passes the lag target: {@code min(1000 (b − 1) / q, L −
 * T(b))}, at least 0. A batch of one never waits.
 *
 * @param model the model
 * @param batchSize the batch size, at least 1
 * @param maxQueueDelayMillis the queue delay in ms, at least 0
 * @param qps the model's QPS in all the plan is for; 0 when set by hand
 * @param lagTargetMillis the lag target it is for; 0 when set by hand
 * @param explanation one line with the numbers
 */
public record BatchingPlan(
    String model, int batchSize, double maxQueueDelayMillis, double qps, double lagTargetMillis, String explanation) {

  public BatchingPlan {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(explanation, "explanation");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
    }
    if (!(maxQueueDelayMillis >= 0) || !Double.isFinite(maxQueueDelayMillis)) {
      throw new IllegalArgumentException("queue delay must be >= 0 ms, was " + maxQueueDelayMillis);
    }
  }

  /** The plan for a recommendation made for {@code qps} in all. */
  public static BatchingPlan of(Recommended recommended, double qps) {
    BatchConfiguration c = recommended.configuration();
    double delay = queueDelayMillis(c.batchSize(), c.qpsPerReplica(), c.batchTimeMillis(), recommended.lagTargetMillis());
    String explanation = recommended.explanation()
        + String.format(Locale.ROOT, "; queue delay %.1f ms", delay);
    return new BatchingPlan(recommended.model(), c.batchSize(), delay, qps, recommended.lagTargetMillis(), explanation);
  }

  /**
   * The plan for a best-effort configuration ({@link io.tbms.tuner.Recommender#bestEffort}), when
   * no configuration meets the target on the devices there are: its batch size, and no queue delay,
   * since waiting for a batch to fill only adds lag to a target already missed; batches still
   * form from what queues while the device is busy. {@code why} says what would meet the target.
   */
  public static BatchingPlan bestEffort(String model, BatchConfiguration c, double qps, double lagTargetMillis, String why) {
    // the target is out of reach anyway: no waiting for a batch to fill; batches form from what
    // queues while the device is busy, up to the batch size that keeps up
    String explanation = "best effort: " + c.explain(lagTargetMillis) + "; no queue delay (" + why + ")";
    return new BatchingPlan(model, c.batchSize(), 0, qps, lagTargetMillis, explanation);
  }

  /** A plan given by hand. */
  public static BatchingPlan manual(String model, int batchSize, double maxQueueDelayMillis) {
    return new BatchingPlan(model, batchSize, maxQueueDelayMillis, 0, 0,
        String.format(Locale.ROOT, "b=%d, queue delay %.1f ms, set by hand", batchSize, maxQueueDelayMillis));
  }

  /** {@code min(1000 (b − 1) / q, L − T(b))}, at least 0: see the class comment. */
  public static double queueDelayMillis(int batchSize, double qpsPerReplica, double batchTimeMillis, double lagTargetMillis) {
    if (batchSize <= 1 || !(qpsPerReplica > 0)) {
      return 0;
    }
    double fill = 1000.0 * (batchSize - 1) / qpsPerReplica;
    return Math.max(0, Math.min(fill, lagTargetMillis - batchTimeMillis));
  }

  /** The queue delay in whole microseconds, as Triton's config takes it. */
  public long maxQueueDelayMicros() {
    return Math.round(maxQueueDelayMillis * 1000);
  }
}
