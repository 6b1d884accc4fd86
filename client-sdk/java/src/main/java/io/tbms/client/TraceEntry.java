package io.tbms.client;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What happened to one model of the chain (for a mix query: one member of a group). Times are
 * milliseconds since the query's arrival at the broker. Immutable.
 *
 * @param model the model's name
 * @param outcome what became of it
 * @param firedMs when it fired; for entries that never fired, when the schedule had planned it
 * @param doneMs when its answer or error arrived; empty when nothing arrived
 */
public record TraceEntry(String model, Outcome outcome, double firedMs, OptionalDouble doneMs) {

  public TraceEntry {
    Objects.requireNonNull(model, "model must not be null");
    Objects.requireNonNull(outcome, "outcome must not be null");
    Objects.requireNonNull(doneMs, "doneMs must not be null");
  }

  /** E.g. {@code svm ANSWERED fired 8.0 ms done 22.0 ms}. */
  @Override
  public String toString() {
    return model + " " + outcome + " fired " + Answer.ms(firedMs)
        + (doneMs.isPresent() ? " done " + Answer.ms(doneMs.getAsDouble()) : "");
  }
}
