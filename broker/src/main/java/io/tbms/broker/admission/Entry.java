package io.tbms.broker.admission;

import java.util.Objects;
import java.util.Optional;

/**
 * A query's entry through {@link Admission#enter}: the verdict, and for an admitted or shed query
 * the permit reserved for its first model call. Judging and reserving are one atomic step, so an
 * accepted query always has room for one call however many arrive with it; the query hands the
 * permit to its first call, or gives it back ({@link Permit#onIgnore()}) if it makes none.
 *
 * @param verdict the admission's verdict
 * @param reserved the first call's permit; empty exactly when the verdict is {@link Verdict.Reject}
 */
public record Entry(Verdict verdict, Optional<Permit> reserved) {

  public Entry {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reserved, "reserved");
    if (reserved.isPresent() == verdict instanceof Verdict.Reject) {
      throw new IllegalArgumentException("a permit is reserved exactly for an accepted verdict, not for " + verdict);
    }
  }
}
