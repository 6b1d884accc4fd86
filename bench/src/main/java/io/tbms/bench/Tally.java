package io.tbms.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The counts of one measured run, before they become shares.
 *
 * @param sent queries sent inside the measured window
 * @param answered terminal responses with an answer
 * @param empty terminal responses without one ({@code EMPTY})
 * @param rejected HTTP 429 responses
 * @param errors failed queries (connection errors, other statuses, unreadable bodies)
 * @param correct answers whose label equals the gold label
 * @param withinBudget terminal responses with latency {@code <=} the budget
 * @param withinBudgetPlus1 terminal responses with latency {@code <=} the budget + 1 ms
 * @param answeredByModel answers per answering model, in the chain's order
 */
record Tally(
    long sent,
    long answered,
    long empty,
    long rejected,
    long errors,
    long correct,
    long withinBudget,
    long withinBudgetPlus1,
    Map<String, Long> answeredByModel) {

  Tally {
    Objects.requireNonNull(answeredByModel, "answeredByModel");
    answeredByModel = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answeredByModel));
    long finished = answered + empty + rejected + errors;
    if (sent < 0 || answered < 0 || empty < 0 || rejected < 0 || errors < 0 || correct < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    if (finished > sent) {
      throw new IllegalArgumentException("more outcomes (" + finished + ") than queries sent (" + sent + ")");
    }
    if (correct > answered) {
      throw new IllegalArgumentException("correct (" + correct + ") must be <= answered (" + answered + ")");
    }
    if (withinBudget > withinBudgetPlus1 || withinBudgetPlus1 > answered + empty) {
      throw new IllegalArgumentException("withinBudget <= withinBudgetPlus1 <= terminal must hold, was "
          + withinBudget + ", " + withinBudgetPlus1 + ", " + (answered + empty));
    }
  }

  /** Terminal responses of the query contract: ANSWERED plus EMPTY. */
  long terminal() {
    return answered + empty;
  }

  /** Queries that got no outcome at all before the run gave up waiting. */
  long lost() {
    return sent - answered - empty - rejected - errors;
  }
}
