package io.tbms.broker.query;

import java.util.List;
import java.util.Optional;

/**
 * The terminal result of a query.
 *
 * @param answer the winning answer, empty for an {@code EMPTY} result ("human assist")
 * @param rank the chain position that answered (0 = best), -1 when empty
 * @param elapsedNanos from arrival to completion
 * @param trace one entry per chain entry, in chain order
 */
public record QueryResult<A>(Optional<A> answer, int rank, long elapsedNanos, List<TraceEntry> trace) {

  public QueryResult {
    trace = List.copyOf(trace);
  }

  public boolean answered() {
    return answer.isPresent();
  }

  /** Answered by an entry other than the chain's first. */
  public boolean downgraded() {
    return rank > 0;
  }

  /**
   * @param firedNanos when the entry fired (or was skipped, or was planned to fire), after arrival
   * @param doneNanos when its answer or error arrived after arrival; -1 if none did
   */
  public record TraceEntry(String model, Outcome outcome, long firedNanos, long doneNanos) {}
}
