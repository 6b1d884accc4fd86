package io.tbms.bench;

import java.util.Objects;

/**
 * One model's answer as a target reports it.
 *
 * @param model the model that answered
 * @param rank its position in the chain, 0 = best
 * @param label the predicted intent label
 */
public record Answer(String model, int rank, String label) {

  public Answer {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(label, "label");
    if (rank < 0) {
      throw new IllegalArgumentException("rank must be >= 0, was " + rank);
    }
  }
}
