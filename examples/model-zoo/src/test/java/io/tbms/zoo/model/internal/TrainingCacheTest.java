package io.tbms.zoo.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.ModelSettings;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCacheTest {

  private static final ModelSettings SETTINGS = ModelSettings.ofDefaults();

  @TempDir Path cache;

  /** Five CLINC150 intents plus oos: trains in a second or two, the embedding included. */
  static Dataset small() {
    Set<String> intents = Set.of("timer", "balance", "weather", "alarm", "translate", "oos");
    Dataset full = TrainedModels.clinc150();
    return new Dataset("small", "0".repeat(64),
        keep(full.train(), intents), keep(full.val(), intents), keep(full.test(), intents));
  }

  private static List<LabeledText> keep(List<LabeledText> split, Set<String> intents) {
    return split.stream().filter(t -> intents.contains(t.label())).collect(Collectors.toList());
  }

  static List<String> texts(Dataset dataset) {
    return dataset.test().stream().map(LabeledText::text).limit(50).toList();
  }

  private Map<String, TextModel> start(Dataset dataset, List<String> names, List<String> log) {
    return Training.trainOrLoad(dataset, SETTINGS, cache, names, log::add);
  }

  private Path entry(String model) throws Exception {
    try (Stream<Path> entries = Files.list(cache)) {
      return entries.filter(p -> p.getFileName().toString().matches(model + "-[0-9a-f]{16}")).findFirst().orElseThrow();
    }
  }

  @Test
  void aSecondStartLoadsTheSameModelsFromTheCache() {
    Dataset dataset = small();
    List<String> log = new ArrayList<>();
    Map<String, TextModel> first = start(dataset, List.of("svm", "embedding"), log);
    Map<String, List<Prediction>> before = Map.of(
        "svm", first.get("svm").predict(texts(dataset)), "embedding", first.get("embedding").predict(texts(dataset)));
    first.values().forEach(TextModel::close);

    Map<String, TextModel> second = start(dataset, List.of("svm", "embedding"), log);
    try {
      for (String name : List.of("svm", "embedding")) {
        assertThat(second.get(name).predict(texts(dataset))).as(name).isEqualTo(before.get(name));
        assertThat(((ThresholdedModel) second.get(name)).threshold())
            .isEqualTo(((ThresholdedModel) first.get(name)).threshold());
      }
    } finally {
      second.values().forEach(TextModel::close);
    }
    assertThat(log).anyMatch(line -> line.startsWith("svm: loaded from"))
        .anyMatch(line -> line.startsWith("embedding: loaded from"))
        .noneMatch(line -> line.contains("retraining"));
  }

  @Test
  void aCorruptCacheEntryIsRebuiltNotFatal() throws Exception {
    Dataset dataset = small();
    List<Prediction> before = start(dataset, List.of("svm"), new ArrayList<>()).get("svm").predict(texts(dataset));
    Path weights = entry("svm").resolve("head.bin");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length / 2] ^= 0x40; // still parses: only the checksum can tell
    Files.write(weights, bytes);

    List<String> log = new ArrayList<>();
    TextModel rebuilt = start(dataset, List.of("svm"), log).get("svm");
    assertThat(log).anyMatch(line -> line.contains("unreadable") && line.contains("retraining"));
    assertThat(rebuilt.predict(texts(dataset))).isEqualTo(before);
    List<String> again = new ArrayList<>();
    start(dataset, List.of("svm"), again);
    assertThat(again).anyMatch(line -> line.startsWith("svm: loaded from"));
  }

  @Test
  void anUnsealedEntryIsReplaced() throws Exception {
    Dataset dataset = small();
    start(dataset, List.of("svm"), new ArrayList<>());
    Path entry = entry("svm");
    Files.delete(entry.resolve(Artifacts.MANIFEST)); // as if copied by hand, half-way
    List<String> log = new ArrayList<>();
    start(dataset, List.of("svm"), log);
    assertThat(log).noneMatch(line -> line.startsWith("svm: loaded from"));
    assertThat(Artifacts.complete(entry)).isTrue();
  }

  @Test
  void settingsThatChangeWhatIsLearnedGetTheirOwnEntry() {
    ModelSettings other = SETTINGS.toBuilder().svmC(2).build();
    ModelSettings faster = SETTINGS.toBuilder().embeddingThreads(2).embeddingBatchSize(8).build();
    assertThat(Training.svmKey(other)).isNotEqualTo(Training.svmKey(SETTINGS));
    assertThat(Training.embeddingKey(faster)).isEqualTo(Training.embeddingKey(SETTINGS));
    assertThat(Artifacts.entry(cache, "svm", "a".repeat(64), Training.svmKey(SETTINGS)))
        .isNotEqualTo(Artifacts.entry(cache, "svm", "b".repeat(64), Training.svmKey(SETTINGS)));
  }

  @Test
  void lowScoresBecomeOutOfScope() {
    Dataset dataset = small();
    for (String name : List.of("bayes", "keyword")) {
      ThresholdedModel model = (ThresholdedModel) start(dataset, List.of(name), new ArrayList<>()).get(name);
      assertThat(model.threshold()).as(name).isPositive();
      for (Prediction p : model.predict(texts(dataset))) {
        assertThat(p.outOfScope() || p.score() >= model.threshold()).isTrue();
      }
    }
  }
}
