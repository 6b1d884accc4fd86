package io.tbms.bench;

import java.util.Objects;
import java.util.Optional;

/**
 * The terminal result of one benchmark query, whatever the target.
 *
 * <ul>
 *   <li>{@link Kind#ANSWERED}: an answer came back (the broker's {@code ANSWERED}, or a model's reply);
 *   <li>{@link Kind#EMPTY}: a terminal response without an answer (the broker's {@code EMPTY}, or a
 *       baseline whose deadline passed);
 *   <li>{@link Kind#REJECTED}: the broker refused the query as overloaded (HTTP 429);
 *   <li>{@link Kind#ERROR}: anything else (connection failure, other status, unreadable body).
 * </ul>
 */
public record QueryOutcome(Kind kind, Optional<Answer> answer, String detail) {

  /** What kind of terminal result a query got. */
  public enum Kind { ANSWERED, EMPTY, REJECTED, ERROR }

  private static final QueryOutcome EMPTY_OUTCOME = new QueryOutcome(Kind.EMPTY, Optional.empty(), "");
  private static final QueryOutcome REJECTED_OUTCOME = new QueryOutcome(Kind.REJECTED, Optional.empty(), "429");

  public QueryOutcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(detail, "detail");
    if ((kind == Kind.ANSWERED) != answer.isPresent()) {
      throw new IllegalArgumentException("an answer is present exactly when kind is ANSWERED, kind was " + kind);
    }
  }

  public static QueryOutcome answered(Answer answer) {
    return new QueryOutcome(Kind.ANSWERED, Optional.of(answer), "");
  }

  public static QueryOutcome empty() {
    return EMPTY_OUTCOME;
  }

  public static QueryOutcome rejected() {
    return REJECTED_OUTCOME;
  }

  public static QueryOutcome error(String detail) {
    return new QueryOutcome(Kind.ERROR, Optional.empty(), detail);
  }

  /** Whether this is a terminal response of the query contract: ANSWERED or EMPTY. */
  public boolean terminal() {
    return kind == Kind.ANSWERED || kind == Kind.EMPTY;
  }
}
