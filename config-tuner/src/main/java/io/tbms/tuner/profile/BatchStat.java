package io.tbms.tuner.profile;

/**
 * What a server reports for one batch size it has run (Triton's {@code ModelStatistics.batch_stats}):
 * how many batches of that size, and their cumulative compute time.
 *
 * @param batchSize the batch size, >= 1
 * @param count batches of that size run so far
 * @param computeInferNanos their cumulative {@code compute_infer} time, in nanoseconds
 */
public record BatchStat(int batchSize, long count, long computeInferNanos) {

  public BatchStat {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
    if (count < 0 || computeInferNanos < 0) {
      throw new IllegalArgumentException("count and computeInferNanos must be >= 0, were " + count + " and " + computeInferNanos);
    }
  }
}
