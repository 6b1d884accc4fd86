package io.tbms.zoo.model.internal;

import io.tbms.zoo.model.Prediction;
import java.util.List;

/** A trained classifier before out-of-scope thresholding. Thread-safe after training. */
interface Classifier extends AutoCloseable {

  List<Prediction> classify(List<String> texts);

  default long footprintBytes() {
    return 0;
  }

  @Override
  default void close() {}
}
