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
   * @return one prediction per input, in input order
   */
  List<Prediction> predict(List<String> texts);

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
