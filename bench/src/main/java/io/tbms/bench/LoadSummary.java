package io.tbms.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One row of the report: a target at one load and budget. Shares are fractions of the queries sent in the
 * measured window (the warm-up excluded); latencies are milliseconds from each query's intended
 * send time to its terminal response, so a client or server falling behind shows up in them.
 *
 * @param target the target's name
 * @param loadFactor the offered rate as a multiple of the measured capacity
 * @param budgetMs the query budget in milliseconds: the broker's {@code budget_ms}, the baselines' deadline
 * @param rateQps the offered rate, queries per second
 * @param sent queries sent in the measured window
 * @param terminal ANSWERED plus EMPTY responses
 * @param rejected HTTP 429 responses (not terminal)
 * @param errors failed queries
 * @param lost queries with no outcome when the run stopped waiting
 * @param withinBudget share with a terminal response within the budget
 * @param withinBudgetPlus1 share with a terminal response within the budget + 1 ms
 * @param p50Ms median latency of terminal responses
 * @param p99Ms 99th percentile
 * @param p999Ms 99.9th percentile
 * @param answeredByModel share answered by each model
 * @param emptyShare share of {@code EMPTY} responses
 * @param accuracy correct answers over queries sent
 * @param accuracyAnswered correct answers over answered queries
 * @param sendLagP99Ms 99th percentile of how late queries left the client (a self-check: when it is
 *     large, the client fell behind and the latencies overstate the target's)
 * @param errorKinds error details and their counts
 */
public record LoadSummary(
    String target,
    double loadFactor,
    long budgetMs,
    double rateQps,
    long sent,
    long terminal,
    long rejected,
    long errors,
    long lost,
    double withinBudget,
    double withinBudgetPlus1,
    double p50Ms,
    double p99Ms,
    double p999Ms,
    Map<String, Double> answeredByModel,
    double emptyShare,
    double accuracy,
    double accuracyAnswered,
    double sendLagP99Ms,
    Map<String, Long> errorKinds) {

  /**
   * The report row of a run.
   *
   * @param latencyMicros the latencies of the terminal responses, in microseconds
   * @param sendLagMicros how late each query left the client, in microseconds
   */
  static LoadSummary of(String target, BenchGrid.Cell cell, double rateQps, Tally tally, Histogram latencyMicros,
      Histogram sendLagMicros, Map<String, Long> errorKinds) {
    Map<String, Double> byModel = new LinkedHashMap<>();
    tally.answeredByModel().forEach((model, count) -> byModel.put(model, share(count, tally.sent())));
    Accuracy accuracy = new Accuracy(tally.sent(), tally.answered(), tally.correct());
    return new LoadSummary(
        target,
        cell.loadFactor(),
        cell.budgetMs(),
        rateQps,
        tally.sent(),
        tally.terminal(),
        tally.rejected(),
        tally.errors(),
        tally.lost(),
        share(tally.withinBudget(), tally.sent()),
        share(tally.withinBudgetPlus1(), tally.sent()),
        quantileMillis(latencyMicros, 50),
        quantileMillis(latencyMicros, 99),
        quantileMillis(latencyMicros, 99.9),
        java.util.Collections.unmodifiableMap(byModel),
        share(tally.empty(), tally.sent()),
        accuracy.overall(),
        accuracy.overAnswered(),
        quantileMillis(sendLagMicros, 99),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errorKinds)));
  }

  /** The row's cell. */
  BenchGrid.Cell cell() {
    return new BenchGrid.Cell(loadFactor, budgetMs);
  }

  static double share(long count, long of) {
    return of == 0 ? 0 : (double) count / of;
  }

  /** A percentile of a microsecond histogram, in milliseconds; NaN when it is empty. */
  static double quantileMillis(Histogram micros, double percentile) {
    return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
  }
}
