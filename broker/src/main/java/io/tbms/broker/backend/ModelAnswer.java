package io.tbms.broker.backend;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One model's answer to one query: the label it predicts (the registry's answer output, e.g.
 * KServe output {@code LABEL}), its score for that label (e.g. output {@code SCORE}) and, when the
 * call asked for them and the model returned them, its best classes with their scores.
 *
 * @param label the predicted label, never null
 * @param score the model's score for the label; {@code NaN} when the model returns none
 * @param classes the model's top-k classes, best first, distinct labels; empty when the call did
 *     not ask for them or the model did not return them (then only {@code label} and {@code score}
 *     are known)
 */
public record ModelAnswer(String label, float score, List<ClassScore> classes) {

  public ModelAnswer {
    Objects.requireNonNull(label, "label");
    classes = List.copyOf(classes);
    if (classes.size() > 1) {
      Set<String> seen = new HashSet<>();
      for (ClassScore entry : classes) {
        if (!seen.add(entry.label())) {
          throw new IllegalArgumentException("classes hold label '" + entry.label() + "' twice");
        }
      }
    }
  }

  /** An answer without class scores. */
  public ModelAnswer(String label, float score) {
    this(label, score, List.of());
  }
}
