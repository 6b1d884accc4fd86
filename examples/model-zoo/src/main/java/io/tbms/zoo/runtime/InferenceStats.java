package io.tbms.zoo.runtime;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Triton's per-model statistics ({@code ModelStatistics}): request outcomes, queue and compute
 * durations, and per-batch-size execution counts, so a tuner can read {@code T(b)} from
 * {@code batch_stats} without adding load. Durations are cumulative nanoseconds. Thread-safe.
 */
public final class InferenceStats {

  /**
   * A consistent copy of the counters.
   *
   * @param failures failed requests by reason, every reason present; they sum to {@code failCount}
   */
  public record Snapshot(
      long successCount,
      long successNanos,
      long failCount,
      long failNanos,
      long queueCount,
      long queueNanos,
      long computeInputNanos,
      long computeInferNanos,
      long computeOutputNanos,
      long inferenceCount,
      long executionCount,
      long lastInferenceMillis,
      SortedMap<Integer, BatchStat> batches,
      Map<FailureReason, Long> failures) {}

  /** Executions of one batch size: how many, and their cumulative compute time. */
  public record BatchStat(long count, long computeInputNanos, long computeInferNanos, long computeOutputNanos) {}

  private long successCount;
  private long successNanos;
  private long failCount;
  private long failNanos;
  private long queueCount;
  private long queueNanos;
  private long computeInputNanos;
  private long computeInferNanos;
  private long computeOutputNanos;
  private long inferenceCount;
  private long executionCount;
  private long lastInferenceMillis;
  private final Map<Integer, BatchStat> batches = new TreeMap<>();
  private final Map<FailureReason, Long> failures = new EnumMap<>(FailureReason.class);

  /** One executed batch of {@code items} items; durations in nanoseconds. */
  public synchronized void recordExecution(
      int items, long inputNanos, long inferNanos, long outputNanos, long wallMillis) {
    executionCount++;
    inferenceCount += items;
    computeInputNanos += inputNanos;
    computeInferNanos += inferNanos;
    computeOutputNanos += outputNanos;
    lastInferenceMillis = wallMillis;
    batches.merge(
        items,
        new BatchStat(1, inputNanos, inferNanos, outputNanos),
        (a, b) ->
            new BatchStat(
                a.count + 1,
                a.computeInputNanos + b.computeInputNanos,
                a.computeInferNanos + b.computeInferNanos,
                a.computeOutputNanos + b.computeOutputNanos));
  }

  /** One request that left the queue after {@code waitedNanos}. */
  public synchronized void recordQueued(long waitedNanos) {
    queueCount++;
    queueNanos += waitedNanos;
  }

  public synchronized void recordSuccess(long requestNanos) {
    successCount++;
    successNanos += requestNanos;
  }

  /** One failed request, {@code requestNanos} after it arrived. */
  public synchronized void recordFailure(long requestNanos, FailureReason reason) {
    failCount++;
    failNanos += requestNanos;
    failures.merge(reason, 1L, Long::sum);
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(
        successCount,
        successNanos,
        failCount,
        failNanos,
        queueCount,
        queueNanos,
        computeInputNanos,
        computeInferNanos,
        computeOutputNanos,
        inferenceCount,
        executionCount,
        lastInferenceMillis,
        Collections.unmodifiableSortedMap(new TreeMap<>(batches)),
        failuresByReason());
  }

  private Map<FailureReason, Long> failuresByReason() {
    Map<FailureReason, Long> all = new EnumMap<>(FailureReason.class);
    for (FailureReason reason : FailureReason.values()) {
      all.put(reason, failures.getOrDefault(reason, 0L));
    }
    return Collections.unmodifiableMap(all);
  }
}
