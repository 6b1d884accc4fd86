package io.tbms.zoo.model;

import java.util.Objects;

/**
 * One class of a model's ranked class scores, as Triton's classification extension returns it
 * ({@code "<score>:<index>:<label>"}).
 *
 * @param index the class's position in the model's own label list, {@code >= 0} (models need not
 *     share one; match classes by label)
 * @param label the class label
 * @param score the model's probability for the class, in {@code [0, 1]}
 */
public record ClassScore(int index, String label, float score) {

  public ClassScore {
    Objects.requireNonNull(label, "label");
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, was " + index);
    }
    if (!(score >= 0f && score <= 1f)) {
      throw new IllegalArgumentException("score must be in [0, 1], was " + score);
    }
  }

  /** Triton's classification string, {@code "<score>:<index>:<label>"}; the score prints exactly. */
  public String toTriton() {
    return score + ":" + index + ":" + label;
  }
}
