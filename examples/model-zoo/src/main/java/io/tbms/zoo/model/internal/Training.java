package io.tbms.zoo.model.internal;

import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.ModelSettings;
import io.tbms.zoo.model.TextModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains the four models, or loads the slow ones ({@code svm}, {@code embedding}) from the cache.
 *
 * <p>For each model: train on {@code train} (with its {@code oos} class), calibrate the score and
 * choose the {@link OosThreshold} on {@code val}; a cached model's entry holds its weights, its
 * calibration and its threshold, keyed by the dataset fingerprint, the settings that change what
 * it learns, and {@link Artifacts#FORMAT_VERSION}. An entry that fails its checksums or cannot be
 * parsed is deleted and rebuilt, with a log line.
 */
public final class Training {

  private Training() {}

  public static Map<String, TextModel> trainOrLoad(Dataset dataset, ModelSettings settings,
      Path cacheDir, Collection<String> names, Consumer<String> log) {
    Map<String, TextModel> models = new LinkedHashMap<>();
    try {
      for (String name : names) {
        models.put(name, trainOrLoad(dataset, settings, cacheDir, name, log));
      }
      return models;
    } catch (RuntimeException e) {
      models.values().forEach(TextModel::close);
      throw e;
    }
  }

  private static TextModel trainOrLoad(
      Dataset dataset, ModelSettings settings, Path cacheDir, String name, Consumer<String> log) {
    long started = System.nanoTime();
    ThresholdedModel model;
    try {
      model = switch (name) {
        case "embedding" -> embedding(dataset, settings, cacheDir, log);
        case "svm" -> cached(name, dataset, settings, cacheDir, log, svmKey(settings),
            dir -> SvmClassifier.load(dir, settings), () -> SvmClassifier.train(dataset, settings),
            (c, dir) -> ((SvmClassifier) c).save(dir));
        case "bayes" -> thresholded(name, dataset, settings,
            Trained.of(NaiveBayesClassifier.train(dataset.train(), settings), texts(dataset.val())));
        case "keyword" -> thresholded(name, dataset, settings,
            Trained.of(Bm25Classifier.train(dataset.train(), settings.keywordTopK()), texts(dataset.val())));
        default -> throw new IllegalArgumentException(
            "unknown model '" + name + "'; known: embedding, svm, bayes, keyword");
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model cache under " + cacheDir, e);
    }
    log.accept(String.format("%s: ready in %.1f s (oos threshold %.3f)",
        name, (System.nanoTime() - started) / 1e9, model.threshold()));
    return model;
  }

  static String svmKey(ModelSettings s) {
    return "tfidf-sublinear-l2;ngrams=1-" + s.maxNgram() + ";mcsvm-cs;C=" + s.svmC()
        + ";eps=" + LinearHead.EPS + ";platt;oosLoss=" + s.oosMaxAccuracyLoss();
  }

  static String embeddingKey(ModelSettings s) {
    return "all-minilm-l6-v2-q;meanpool;l2;mcsvm-cs;C=" + s.embeddingHeadC()
        + ";eps=" + LinearHead.EPS + ";platt;oosLoss=" + s.oosMaxAccuracyLoss();
  }

  private static ThresholdedModel embedding(
      Dataset dataset, ModelSettings settings, Path cacheDir, Consumer<String> log) throws IOException {
    MiniLmEncoder serving = new MiniLmEncoder(settings.embeddingThreads());
    try {
      return cached("embedding", dataset, settings, cacheDir, log, embeddingKey(settings),
          dir -> EmbeddingClassifier.load(dir, serving),
          () -> {
            log.accept("embedding: no cached head; embedding " + (dataset.train().size() + dataset.val().size())
                + " train and val utterances with " + settings.embeddingTrainingThreads() + " threads (once)");
            try (MiniLmEncoder training = new MiniLmEncoder(settings.embeddingTrainingThreads())) {
              return EmbeddingClassifier.train(dataset, settings, training, serving, log);
            }
          },
          (c, dir) -> ((EmbeddingClassifier) c).save(dir));
    } catch (IOException | RuntimeException e) {
      serving.close();
      throw e;
    }
  }

  private interface Loader {
    Classifier load(Path dir) throws IOException;
  }

  private interface Saver {
    void save(Classifier classifier, Path dir) throws IOException;
  }

  private interface Trainer {
    Trained train() throws IOException;
  }

  private static ThresholdedModel cached(String name, Dataset dataset, ModelSettings settings,
      Path cacheDir, Consumer<String> log, String key, Loader loader, Trainer trainer, Saver saver)
      throws IOException {
    Path dir = Artifacts.entry(cacheDir, name, dataset.fingerprint(), key);
    if (Artifacts.complete(dir)) {
      try {
        Artifacts.verify(dir);
        float threshold = readThreshold(dir);
        log.accept(name + ": loaded from " + dir);
        return new ThresholdedModel(name, loader.load(dir), threshold);
      } catch (IOException | RuntimeException e) {
        log.accept(name + ": cache entry " + dir + " is unreadable (" + e.getMessage() + "); retraining");
        Artifacts.deleteTree(dir);
      }
    }
    ThresholdedModel model = thresholded(name, dataset, settings, trainer.train());
    Artifacts.writeAtomically(dir, temp -> {
      saver.save(model.classifier(), temp);
      Artifacts.writeLines(temp.resolve("threshold.txt"), List.of(Float.toString(model.threshold())));
    });
    return model;
  }

  private static float readThreshold(Path dir) throws IOException {
    List<String> lines = Artifacts.readLines(dir.resolve("threshold.txt"));
    try {
      float threshold = Float.parseFloat(lines.get(0).trim());
      if (!(threshold >= 0f && threshold <= 1f)) {
        throw new IOException("threshold out of [0, 1]: " + threshold);
      }
      return threshold;
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new IOException("bad threshold.txt " + lines, e);
    }
  }

  private static ThresholdedModel thresholded(String name, Dataset dataset, ModelSettings settings, Trained trained) {
    float threshold = OosThreshold.choose(dataset.val(), trained.valPredictions(), settings.oosMaxAccuracyLoss());
    return new ThresholdedModel(name, trained.classifier(), threshold);
  }

  private static List<String> texts(List<LabeledText> items) {
    return items.stream().map(LabeledText::text).toList();
  }
}
