package io.tbms.broker.backend;

import java.util.Objects;

/**
 * One model's answer to one query: the label it predicts (the registry's answer output, e.g.
 * KServe output {@code LABEL}) and its score for that label (e.g. output {@code SCORE}).
 *
 * @param label the predicted label, never null
 * @param score the model's score for the label; {@code NaN} when the model returns none
 */
public record ModelAnswer(String label, float score) {

  public ModelAnswer {
    Objects.requireNonNull(label, "label");
  }
}
