package io.tbms.zoo.model;

import java.util.List;

/**
 * A trained text classifier: utterances in, one {@link Prediction} per utterance out.
 *
 * <p>Implementations are immutable after training and thread-safe: the server calls
 * {@link #predict} from several worker threads at once. {@code predict} does real compute and
 * blocks; never call it on an event loop.
 */
public interface TextModel extends AutoCloseable {

  /** The model's name in the repository, e.g. {@code "svm"}. */
  String name();

  /**
   * Classifies a batch of utterances.
   *
   * @param texts one or more utterances; never empty
   * @return one prediction per input, in input order, without class scores
   */
  default List<Prediction> predict(List<String> texts) {
    return predict(texts, 0);
  }

  /**
   * Classifies a batch of utterances, each prediction carrying the model's {@code topClasses}
   * best classes (all of them when it has fewer), best first, with probabilities that sum to at
   * most 1. The first class is the classifier's own top class with the prediction's score; the
   * classes are the classifier's, before the out-of-scope threshold, so a prediction turned to
   * {@code oos} still lists the class it was unsure of. Every prediction of a model lists the same
   * number of classes. Computing them costs a pass over the classes per utterance, so only
   * callers that ask pay for it.
   *
   * @param texts one or more utterances; never empty
   * @param topClasses how many classes to list, {@code >= 0}; 0: none
   * @return one prediction per input, in input order
   */
  List<Prediction> predict(List<String> texts, int topClasses);

  /**
   * Bytes the model's weights take once loaded: reported as memory used on the device it is
   * placed on. Zero when not worth counting.
   */
  default long footprintBytes() {
    return 0;
  }

  /** Releases native resources (ONNX sessions, indexes). */
  @Override
  default void close() {}
}
