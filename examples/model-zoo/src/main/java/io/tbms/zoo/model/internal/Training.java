package io.tbms.zoo.model.internal;

import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.data.Sha256;
import io.tbms.zoo.model.TextModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Trains the four models, or loads the slow ones (svm, embedding) from the cache. */
public final class Training {

  /** Intra-op threads for embedding the training set once (both cores; nothing else runs yet). */
  static final int TRAINING_THREADS = 2;
  /** Intra-op threads while serving: one, so compute leaves the event loops a core. */
  static final int SERVING_THREADS = 1;

  private Training() {}

  public static Map<String, TextModel> trainOrLoad(
      Dataset dataset, Path cacheDir, Collection<String> names, Consumer<String> log) {
    Map<String, TextModel> models = new LinkedHashMap<>();
    try {
      for (String name : names) {
        long started = System.nanoTime();
        Classifier classifier = switch (name) {
          case "embedding" -> embedding(dataset, cacheDir, log);
          case "svm" -> svm(dataset, cacheDir, log);
          case "bayes" -> NaiveBayesClassifier.train(dataset.train());
          case "keyword" -> Bm25Classifier.train(dataset.train());
          default -> throw new IllegalArgumentException(
              "unknown model '" + name + "'; known: embedding, svm, bayes, keyword");
        };
        float threshold = threshold(name, classifier, dataset, cacheDir);
        models.put(name, new ThresholdedModel(name, classifier, threshold));
        log.accept(String.format("%s: ready in %.1f s (oos threshold %.3f)", name, (System.nanoTime() - started) / 1e9, threshold));
      }
      return models;
    } catch (IOException e) {
      models.values().forEach(TextModel::close);
      throw new UncheckedIOException(e);
    }
  }

  private static Classifier svm(Dataset dataset, Path cacheDir, Consumer<String> log) throws IOException {
    Path dir = entry(cacheDir, "svm", dataset, "C=" + SvmClassifier.C + ";ngrams=1-2;tfidf=sublinear");
    if (Artifacts.complete(dir)) {
      try {
        return SvmClassifier.load(dir);
      } catch (IOException | RuntimeException e) {
        log.accept("svm: cache entry " + dir + " is unreadable (" + e + "); retraining");
        Artifacts.deleteTree(dir);
      }
    }
    SvmClassifier svm = SvmClassifier.train(dataset.train());
    Artifacts.writeAtomically(dir, svm::save);
    return svm;
  }

  private static Classifier embedding(Dataset dataset, Path cacheDir, Consumer<String> log) throws IOException {
    Path dir = entry(cacheDir, "embedding", dataset, "minilm-l6-v2-q;meanpool;C=" + EmbeddingClassifier.C);
    MiniLmEncoder serving = new MiniLmEncoder(SERVING_THREADS);
    try {
      if (Artifacts.complete(dir)) {
        try {
          return EmbeddingClassifier.load(dir, serving);
        } catch (IOException | RuntimeException e) {
          log.accept("embedding: cache entry " + dir + " is unreadable (" + e + "); retraining");
          Artifacts.deleteTree(dir);
        }
      }
      log.accept("embedding: no cached head; embedding " + dataset.train().size() + " utterances (about a minute, once)");
      EmbeddingClassifier embedding;
      try (MiniLmEncoder training = new MiniLmEncoder(TRAINING_THREADS)) {
        embedding = EmbeddingClassifier.train(dataset.train(), training, serving, log);
      }
      Artifacts.writeAtomically(dir, embedding::save);
      return embedding;
    } catch (IOException | RuntimeException e) {
      serving.close();
      throw e;
    }
  }

  /** The oos threshold, from the val split; cached beside the model when it took real compute. */
  private static float threshold(String name, Classifier classifier, Dataset dataset, Path cacheDir) throws IOException {
    Path file = entry(cacheDir, name + "-threshold", dataset, "v" + Artifacts.FORMAT_VERSION).resolve("threshold.txt");
    if (Files.isRegularFile(file)) {
      try {
        return Float.parseFloat(Files.readString(file).trim());
      } catch (NumberFormatException e) {
        Files.delete(file);
      }
    }
    List<LabeledText> val = dataset.val();
    float threshold = OosThreshold.choose(val, classifier.classify(val.stream().map(LabeledText::text).toList()));
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), "threshold", ".tmp");
    Files.writeString(temp, Float.toString(threshold));
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return threshold;
  }

  private static Path entry(Path cacheDir, String name, Dataset dataset, String settings) {
    String key = Sha256.hex((dataset.fingerprint() + "|" + settings + "|" + Artifacts.FORMAT_VERSION).getBytes(StandardCharsets.UTF_8));
    return cacheDir.resolve(name + "-" + key.substring(0, 16));
  }
}
