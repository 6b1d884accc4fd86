package io.tbms.client;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The broker's answer to a query: the best answer it had by the deadline, or {@link Status#EMPTY}
 * when no model answered in time (not an error: hand over to a human). Immutable.
 *
 * @param status {@code ANSWERED} or {@code EMPTY}
 * @param label the predicted label (e.g. an intent such as {@code "alarm"}); null when EMPTY
 * @param score the answering model's score for the label (in [0, 1] for the reference models); 0 when EMPTY
 * @param text text for the caller (e.g. the canned reply for the label), possibly empty; null when EMPTY
 * @param model the model (for a mix query: the group) that answered; null when EMPTY
 * @param rank the 0-based chain position of the entry that answered; -1 when EMPTY
 * @param downgraded true when the answer did not come from the chain's first entry
 * @param elapsedMs milliseconds from the query's arrival at the broker to its answer
 * @param trace one entry per model of the chain (for a mix query: per member of each group), in
 *     chain order; unmodifiable
 */
public record Answer(Status status, String label, double score, String text, String model, int rank,
    boolean downgraded, double elapsedMs, List<TraceEntry> trace) {

  public Answer {
    Objects.requireNonNull(status, "status must not be null");
    trace = List.copyOf(Objects.requireNonNull(trace, "trace must not be null"));
  }

  /** True when no model answered in time. */
  public boolean isEmpty() {
    return status == Status.EMPTY;
  }

  /**
   * E.g. {@code ANSWERED weather (score 0.990) by svm, rank 1, downgraded, in 22.0 ms; trace [embedding
   * SKIPPED_LAG fired 8.0 ms, svm ANSWERED fired 8.0 ms done 22.0 ms]}.
   */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(status.name());
    if (status == Status.ANSWERED) {
      s.append(' ').append(label).append(String.format(Locale.ROOT, " (score %.3f) by ", score)).append(model)
          .append(", rank ").append(rank).append(downgraded ? ", downgraded" : "");
    }
    return s.append(", in ").append(ms(elapsedMs)).append("; trace ").append(trace).toString();
  }

  static String ms(double millis) {
    return String.format(Locale.ROOT, "%.1f ms", millis);
  }
}
