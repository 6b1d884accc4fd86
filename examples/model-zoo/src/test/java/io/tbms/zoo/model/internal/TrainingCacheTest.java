package io.tbms.zoo.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.model.TextModel;
import io.tbms.zoo.testing.TrainedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCacheTest {

  @TempDir Path cache;

  /** Five CLINC150 intents plus oos: trains in well under a second. */
  private static Dataset small() {
    Set<String> intents = Set.of("timer", "balance", "weather", "alarm", "translate", "oos");
    Dataset full = TrainedModels.clinc150();
    return new Dataset("small", full.fingerprint(),
        keep(full.train(), intents), keep(full.val(), intents), keep(full.test(), intents));
  }

  private static List<LabeledText> keep(List<LabeledText> split, Set<String> intents) {
    return split.stream().filter(t -> intents.contains(t.label())).collect(Collectors.toList());
  }

  private static List<String> texts(Dataset dataset) {
    return dataset.test().stream().map(LabeledText::text).limit(50).toList();
  }

  @Test
  void aSecondStartLoadsTheSameSvmFromTheCache() {
    Dataset dataset = small();
    List<String> log = new ArrayList<>();
    Map<String, TextModel> first = Training.trainOrLoad(dataset, cache, List.of("svm"), log::add);
    List<Prediction> before = first.get("svm").predict(texts(dataset));
    try (TextModel second = Training.trainOrLoad(dataset, cache, List.of("svm"), log::add).get("svm")) {
      assertThat(second.predict(texts(dataset))).isEqualTo(before);
    }
    assertThat(log).noneMatch(line -> line.contains("retraining"));
  }

  @Test
  void aCorruptCacheEntryIsRebuiltNotFatal() throws Exception {
    Dataset dataset = small();
    List<Prediction> before = Training.trainOrLoad(dataset, cache, List.of("svm"), s -> {}).get("svm").predict(texts(dataset));
    try (var entries = Files.list(cache)) {
      Path entry = entries.filter(p -> p.getFileName().toString().matches("svm-[0-9a-f]+")).findFirst().orElseThrow();
      Files.writeString(entry.resolve("head.model"), "not a model");
    }
    List<String> log = new ArrayList<>();
    TextModel rebuilt = Training.trainOrLoad(dataset, cache, List.of("svm"), log::add).get("svm");
    assertThat(log).anyMatch(line -> line.contains("unreadable") && line.contains("retraining"));
    assertThat(rebuilt.predict(texts(dataset))).isEqualTo(before);
  }

  @Test
  void lowScoresBecomeOutOfScope() {
    Dataset dataset = small();
    ThresholdedModel bayes = (ThresholdedModel) Training.trainOrLoad(dataset, cache, List.of("bayes"), s -> {}).get("bayes");
    assertThat(bayes.threshold()).isPositive();
    for (Prediction p : bayes.predict(texts(dataset))) {
      assertThat(p.outOfScope() || p.score() >= bayes.threshold()).isTrue();
    }
  }

  @Test
  void modelsAreSafeToCallFromSeveralThreads() throws Exception {
    TextModel keyword = TrainedModels.all().get("keyword");
    List<String> texts = texts(small());
    List<Prediction> expected = keyword.predict(texts);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 20; i++) {
          if (!keyword.predict(texts).equals(expected)) {
            failures.add(new AssertionError("different predictions under concurrency"));
          }
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).isEmpty();
  }
}
