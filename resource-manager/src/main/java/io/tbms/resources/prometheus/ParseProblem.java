package io.tbms.resources.prometheus;

import java.util.Objects;

/**
 * A line the parser skipped.
 *
 * @param line the 1-based line number in the scraped text
 * @param reason what is wrong with it, e.g. {@code "value 'abc' is not a number"}
 */
public record ParseProblem(int line, String reason) {

  public ParseProblem {
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return "line " + line + ": " + reason;
  }
}
