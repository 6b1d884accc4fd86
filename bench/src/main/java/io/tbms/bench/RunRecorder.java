package io.tbms.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Records the outcomes of one measured run: counts, per-model answers, accuracy and a latency
 * histogram in microseconds (3 significant digits, up to 60 s).
 *
 * <p>Budget shares are counted exactly at record time rather than read back from the histogram,
 * whose buckets near 50 ms are about 30 µs wide. Not thread-safe: owned by the event loop that
 * completes the run's queries.
 */
final class RunRecorder {

  private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(60);

  private final long budgetNanos;
  private final Histogram latencyMicros = new Histogram(MAX_MICROS, 3);
  private static final int MAX_ERROR_KINDS = 8;

  private final Histogram sendLagMicros = new Histogram(MAX_MICROS, 3);
  private final Map<String, Long> answeredByModel = new LinkedHashMap<>();
  private final Map<String, Long> errorKinds = new LinkedHashMap<>();
  private long sent;
  private long answered;
  private long empty;
  private long rejected;
  private long errors;
  private long correct;
  private long withinBudget;
  private long withinBudgetPlus1;

  /**
   * @param budgetNanos the query budget, for the within-budget shares
   * @param models the chain's models, so per-model counts list them in order, zeros included
   */
  RunRecorder(long budgetNanos, List<String> models) {
    this.budgetNanos = budgetNanos;
    models.forEach(m -> answeredByModel.put(m, 0L));
  }

  /**
   * @param sendLagNanos how late the query left the client: actual send minus intended time
   */
  void onSent(long sendLagNanos) {
    sent++;
    sendLagMicros.recordValue(Math.min(MAX_MICROS, Math.max(0, sendLagNanos / 1_000)));
  }

  /**
   * @param latencyNanos from the query's intended send time to its outcome
   */
  void onOutcome(QueryOutcome outcome, String goldLabel, long latencyNanos) {
    switch (outcome.kind()) {
      case ANSWERED -> {
        answered++;
        answeredByModel.merge(outcome.answer().orElseThrow().model(), 1L, Long::sum);
        if (Accuracy.isCorrect(outcome.answer(), goldLabel)) {
          correct++;
        }
      }
      case EMPTY -> empty++;
      case REJECTED -> rejected++;
      case ERROR -> {
        errors++;
        String kind = errorKinds.size() < MAX_ERROR_KINDS || errorKinds.containsKey(outcome.detail())
            ? outcome.detail() : "other";
        errorKinds.merge(kind, 1L, Long::sum);
      }
    }
    if (outcome.terminal()) {
      latencyMicros.recordValue(Math.min(MAX_MICROS, Math.max(0, latencyNanos / 1_000)));
      if (latencyNanos <= budgetNanos) {
        withinBudget++;
      }
      if (latencyNanos <= budgetNanos + 1_000_000L) {
        withinBudgetPlus1++;
      }
    }
  }

  Tally tally() {
    return new Tally(sent, answered, empty, rejected, errors, correct, withinBudget, withinBudgetPlus1, answeredByModel);
  }

  Histogram latencyMicros() {
    return latencyMicros;
  }

  /** How late queries left the client; large values mean the client, not the target, fell behind. */
  Histogram sendLagMicros() {
    return sendLagMicros;
  }

  /** Error details and their counts (the first few distinct ones, the rest as {@code other}). */
  Map<String, Long> errorKinds() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errorKinds));
  }
}
