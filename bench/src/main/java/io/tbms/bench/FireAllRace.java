package io.tbms.bench;

import java.util.Arrays;
import java.util.Optional;

/**
 * The decisions of the fire-all baseline for one query, as a pure state machine over timestamps:
 * every model of the chain was called at once; the query finishes
 *
 * <ul>
 *   <li>as soon as the best-ranked model that has not failed has answered (no better answer can
 *       still come), with that answer;
 *   <li>when every model has failed, {@code EMPTY};
 *   <li>at the deadline, with the best-ranked answer received so far, or {@code EMPTY}.
 * </ul>
 *
 * <p>Events after the deadline or after the race finished change nothing. Not thread-safe: one
 * race is driven from one thread (the target's event loop). Times are monotonic nanoseconds.
 */
public final class FireAllRace {

  private enum State { PENDING, ANSWERED, FAILED }

  private final State[] states;
  private final Answer[] answers;
  private final long deadlineNanos;
  private Optional<QueryOutcome> result = Optional.empty();

  /**
   * @param models how many models were fired, {@code >= 1}
   * @param deadlineNanos when the query must finish
   */
  public FireAllRace(int models, long deadlineNanos) {
    if (models < 1) {
      throw new IllegalArgumentException("models must be >= 1, was " + models);
    }
    this.states = new State[models];
    Arrays.fill(states, State.PENDING);
    this.answers = new Answer[models];
    this.deadlineNanos = deadlineNanos;
  }

  /** The model at {@code answer.rank()} answered at {@code nowNanos}. */
  public Optional<QueryOutcome> onAnswer(Answer answer, long nowNanos) {
    if (!finished() && !expire(nowNanos)) {
      states[answer.rank()] = State.ANSWERED;
      answers[answer.rank()] = answer;
      settle();
    }
    return result;
  }

  /** The model at {@code rank} failed at {@code nowNanos}. */
  public Optional<QueryOutcome> onFailure(int rank, long nowNanos) {
    if (!finished() && !expire(nowNanos)) {
      states[rank] = State.FAILED;
      settle();
    }
    return result;
  }

  /** Time passed to {@code nowNanos} (the deadline timer fired). */
  public Optional<QueryOutcome> onTime(long nowNanos) {
    if (!finished()) {
      expire(nowNanos);
    }
    return result;
  }

  /** The race's outcome once finished (ANSWERED or EMPTY); empty while it is still running. */
  public Optional<QueryOutcome> result() {
    return result;
  }

  public boolean finished() {
    return result.isPresent();
  }

  private boolean expire(long nowNanos) {
    if (nowNanos < deadlineNanos) {
      return false;
    }
    result = Optional.of(bestAnswered().map(QueryOutcome::answered).orElse(QueryOutcome.empty()));
    return true;
  }

  private void settle() {
    for (int rank = 0; rank < states.length; rank++) {
      if (states[rank] == State.PENDING) {
        return;
      }
      if (states[rank] == State.ANSWERED) {
        result = Optional.of(QueryOutcome.answered(answers[rank]));
        return;
      }
    }
    result = Optional.of(QueryOutcome.empty());
  }

  private Optional<Answer> bestAnswered() {
    for (int rank = 0; rank < states.length; rank++) {
      if (states[rank] == State.ANSWERED) {
        return Optional.of(answers[rank]);
      }
    }
    return Optional.empty();
  }
}
