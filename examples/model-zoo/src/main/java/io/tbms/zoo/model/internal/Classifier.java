package io.tbms.zoo.model.internal;

import io.tbms.zoo.model.Prediction;
import java.util.List;

/** A trained classifier before out-of-scope thresholding. Thread-safe after training. */
interface Classifier extends AutoCloseable {

  /** Predictions without class scores. */
  default List<Prediction> classify(List<String> texts) {
    return classify(texts, 0);
  }

  /** Predictions with the best {@code topClasses} classes, as {@link io.tbms.zoo.model.TextModel#predict(List, int)}. */
  List<Prediction> classify(List<String> texts, int topClasses);

  default long footprintBytes() {
    return 0;
  }

  @Override
  default void close() {}
}
