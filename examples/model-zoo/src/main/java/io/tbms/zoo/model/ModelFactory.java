package io.tbms.zoo.model;

import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.model.internal.Training;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains the reference models on a dataset, or loads the slow ones from the cache.
 *
 * <ul>
 *   <li>{@code embedding}: all-MiniLM-L6-v2 (quantized ONNX, run with ONNX Runtime) + a linear SVM head;
 *   <li>{@code svm}: TF-IDF word 1–2-grams + a linear SVM (LIBLINEAR);
 *   <li>{@code bayes}: multinomial naive Bayes on word 1–2-gram counts;
 *   <li>{@code keyword}: BM25 retrieval over the training utterances (Lucene).
 * </ul>
 *
 * <p>Every model is trained with CLINC150's {@code oos} class included, and its predictions below
 * a score threshold chosen on the validation split become {@code oos}. Cache entries are keyed by
 * the dataset's SHA-256 and the model settings, and written atomically.
 */
public final class ModelFactory {

  /** The four models, best (most accurate, slowest) first. */
  public static final List<String> NAMES = List.of("embedding", "svm", "bayes", "keyword");

  /** {@code $TBMS_CACHE_DIR} if set, else {@code ~/.cache/tbms/models}. */
  public static final Path DEFAULT_CACHE_DIR =
      System.getenv("TBMS_CACHE_DIR") != null && !System.getenv("TBMS_CACHE_DIR").isBlank()
          ? Path.of(System.getenv("TBMS_CACHE_DIR"))
          : Path.of(System.getProperty("user.home"), ".cache", "tbms", "models");

  private ModelFactory() {}

  /**
   * @param names which models, from {@link #NAMES}
   * @param log progress lines
   * @return the models by name, in the order asked; the caller closes them
   */
  public static Map<String, TextModel> trainOrLoad(
      Dataset dataset, Path cacheDir, Collection<String> names, Consumer<String> log) {
    return Training.trainOrLoad(dataset, cacheDir, names, log);
  }
}
