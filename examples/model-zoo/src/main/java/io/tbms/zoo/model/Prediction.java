package io.tbms.zoo.model;

import java.util.Objects;

/**
 * One model output: the predicted intent label and a confidence score in {@code [0, 1]}.
 *
 * <p>An utterance the model judges out of scope gets the label {@link #OUT_OF_SCOPE}, so callers
 * can route it to a person.
 *
 * @param label the intent label, or {@link #OUT_OF_SCOPE}
 * @param score the confidence in the top label, in {@code [0, 1]}; higher is surer
 */
public record Prediction(String label, float score) {

  /** The label CLINC150 uses for out-of-scope utterances. */
  public static final String OUT_OF_SCOPE = "oos";

  public Prediction {
    Objects.requireNonNull(label, "label");
    if (!(score >= 0f && score <= 1f)) {
      throw new IllegalArgumentException("score must be in [0, 1], was " + score);
    }
  }

  public boolean outOfScope() {
    return OUT_OF_SCOPE.equals(label);
  }
}
