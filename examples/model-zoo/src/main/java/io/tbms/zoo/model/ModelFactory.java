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
 * a score threshold chosen on the validation split become {@code oos} (see {@link
 * ModelSettings#oosMaxAccuracyLoss()}). Scores are in {@code [0, 1]}: Platt-calibrated top decision
 * values ({@code embedding}, {@code svm}), the naive-Bayes posterior ({@code bayes}), the winning
 * label's share of the top-k BM25 mass ({@code keyword}).
 *
 * <p>Cache: {@code embedding} and {@code svm} (weights, calibration, threshold) are cached under
 * {@code cacheDir/<model>-<key>/}, key = SHA-256 of the dataset fingerprint, the settings that
 * change what the model learns and a format version. Entries are written to a temporary directory,
 * sealed with per-file SHA-256 checksums and moved into place atomically; an entry that fails its
 * checksums is rebuilt with a log line. {@code bayes} and {@code keyword} train in about a second
 * and are rebuilt in memory at every start.
 *
 * <p>Training blocks for up to about a minute on a cold cache (2 cores); call it off the event
 * loop. The returned models are thread-safe; the caller closes them.
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
   * Trains (or loads) the named models with {@link ModelSettings#ofDefaults()}.
   *
   * @param names which models, from {@link #NAMES}
   * @param log progress lines
   * @return the models by name, in the order asked; the caller closes them
   */
  public static Map<String, TextModel> trainOrLoad(
      Dataset dataset, Path cacheDir, Collection<String> names, Consumer<String> log) {
    return trainOrLoad(dataset, ModelSettings.ofDefaults(), cacheDir, names, log);
  }

  /**
   * Trains (or loads) the named models.
   *
   * @param names which models, from {@link #NAMES}
   * @param log progress lines
   * @return the models by name, in the order asked; the caller closes them
   * @throws IllegalArgumentException for an unknown name
   */
  public static Map<String, TextModel> trainOrLoad(Dataset dataset, ModelSettings settings,
      Path cacheDir, Collection<String> names, Consumer<String> log) {
    return Training.trainOrLoad(dataset, settings, cacheDir, names, log);
  }
}
