package io.tbms.zoo.model;

import java.util.List;
import java.util.Objects;

/**
 * One model output: the predicted intent label, a confidence score in {@code [0, 1]} and, when
 * asked for, the model's best classes with their probabilities.
 *
 * <p>An utterance the model judges out of scope gets the label {@link #OUT_OF_SCOPE}, so callers
 * can route it to a person.
 *
 * @param label the intent label, or {@link #OUT_OF_SCOPE}
 * @param score the confidence in the top label, in {@code [0, 1]}; higher is surer
 * @param classes the classifier's best classes, best first (see {@link TextModel#predict(List,
 *     int)}); empty unless asked for
 */
public record Prediction(String label, float score, List<ClassScore> classes) {

  /** The label CLINC150 uses for out-of-scope utterances. */
  public static final String OUT_OF_SCOPE = "oos";

  public Prediction {
    Objects.requireNonNull(label, "label");
    classes = List.copyOf(classes);
    if (!(score >= 0f && score <= 1f)) {
      throw new IllegalArgumentException("score must be in [0, 1], was " + score);
    }
  }

  /** A prediction without class scores. */
  public Prediction(String label, float score) {
    this(label, score, List.of());
  }

  public boolean outOfScope() {
    return OUT_OF_SCOPE.equals(label);
  }
}
