package io.tbms.zoo.model.internal;

import io.tbms.zoo.model.Prediction;
import java.util.List;

/**
 * A freshly trained classifier and its (calibrated) predictions on the val split, which the
 * out-of-scope threshold is chosen from; kept so that val is not classified twice.
 */
record Trained(Classifier classifier, List<Prediction> valPredictions) {

  Trained {
    valPredictions = List.copyOf(valPredictions);
  }

  /** Classifies val with the classifier itself (cheap models). */
  static Trained of(Classifier classifier, List<String> valTexts) {
    return new Trained(classifier, valTexts.isEmpty() ? List.of() : classifier.classify(valTexts));
  }
}
