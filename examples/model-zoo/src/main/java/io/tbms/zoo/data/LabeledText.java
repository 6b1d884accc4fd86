package io.tbms.zoo.data;

import io.tbms.zoo.model.Prediction;
import java.util.Objects;

/**
 * One labelled utterance.
 *
 * @param text the utterance, as written
 * @param label its intent, or {@link Prediction#OUT_OF_SCOPE} for an out-of-scope utterance
 */
public record LabeledText(String text, String label) {

  public LabeledText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new IllegalArgumentException("label must not be blank, text was '" + text + "'");
    }
  }

  /** Whether this utterance is out of scope ({@link Prediction#OUT_OF_SCOPE}). */
  public boolean outOfScope() {
    return Prediction.OUT_OF_SCOPE.equals(label);
  }
}
