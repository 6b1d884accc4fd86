package io.tbms.report;

import java.io.Serializable;
import java.util.Map;

/**
 * What one broker counted in one bucket of wall-clock time. Immutable; serializable, since brokers
 * share them through the cluster.
 *
 * @param index the bucket's number: its start in wall-clock millis divided by the bucket width
 * @param tasks per task of an instance
 * @param lag per model, answered calls only
 * @param wanted per model, the chain entries that wanted it ({@link ReportEvent.Wanted})
 */
public record BucketCounts(long index, Map<TaskKey, TaskCounts> tasks, Map<String, LagCounts> lag,
    Map<String, Long> wanted) implements Serializable {

  public BucketCounts {
    tasks = Map.copyOf(tasks);
    lag = Map.copyOf(lag);
    wanted = Map.copyOf(wanted);
  }

  /**
   * One task's answers in a bucket.
   *
   * @param queries terminal answers (answered and EMPTY)
   * @param empty EMPTY answers
   * @param ranks answered queries by the chain rank that answered (0 = first choice)
   * @param models answered queries by the model (or group) that answered
   * @param shed chain entries shed by admission
   * @param skipped chain entries skipped by the downgrade policy (lag or circuit)
   */
  public record TaskCounts(long queries, long empty, Map<Integer, Long> ranks, Map<String, Long> models, long shed,
      long skipped) implements Serializable {

    public TaskCounts {
      ranks = Map.copyOf(ranks);
      models = Map.copyOf(models);
    }
  }

  /**
   * One model's lag samples in a bucket.
   *
   * @param count samples
   * @param sumMicros their sum, in microseconds
   * @param histogram an HdrHistogram of the samples in microseconds, compressed (see {@link LagHistograms})
   */
  public record LagCounts(long count, long sumMicros, byte[] histogram) implements Serializable {}
}
