package io.tbms.bench;

import java.util.List;
import java.util.Optional;

/**
 * What the broker adds to a single model's latency: {@code broker-svm-only} minus
 * {@code direct-svm} at the same load and budget, at the median and the 99th percentile, in
 * milliseconds.
 *
 * @param loadFactor the load both ran at
 * @param budgetMs the budget both ran with
 * @param p50DiffMs broker p50 minus direct p50
 * @param p99DiffMs broker p99 minus direct p99
 */
public record BrokerOverhead(double loadFactor, long budgetMs, double p50DiffMs, double p99DiffMs) {

  /** The overhead from a run's rows, when both halves of the pair ran in the same cell. */
  static Optional<BrokerOverhead> from(List<LoadSummary> rows) {
    Optional<LoadSummary> direct = find(rows, TargetKind.DIRECT_SVM);
    Optional<LoadSummary> broker = find(rows, TargetKind.BROKER_SVM_ONLY);
    if (direct.isEmpty() || broker.isEmpty() || !direct.get().cell().equals(broker.get().cell())) {
      return Optional.empty();
    }
    return Optional.of(new BrokerOverhead(direct.get().loadFactor(), direct.get().budgetMs(),
        broker.get().p50Ms() - direct.get().p50Ms(),
        broker.get().p99Ms() - direct.get().p99Ms()));
  }

  private static Optional<LoadSummary> find(List<LoadSummary> rows, TargetKind kind) {
    return rows.stream().filter(r -> r.target().equals(kind.id())).findFirst();
  }
}
