package io.tbms.broker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelNamesTest {

  static ModelConfig model(String name, String... aliases) {
    return new ModelConfig(name, List.of(new ReplicaConfig("127.0.0.1", 8001, Transport.GRPC, "cpu")), "LABEL", "SCORE",
        Duration.ofMillis(5), 8, null, List.of(aliases));
  }

  @Test
  void anAliasLeadsToItsModelAndANameToItself() {
    ModelConfig keyword = model("keyword", "keysearch");
    ModelNames names = ModelNames.of(Map.of("keyword", keyword, "svm", model("svm")));
    assertThat(names.known()).containsExactlyInAnyOrder("keyword", "keysearch", "svm");
    assertThat(names.resolve("keysearch")).contains(keyword);
    assertThat(names.resolve("keyword")).contains(keyword);
    assertThat(names.resolve("svm").orElseThrow().name()).isEqualTo("svm");
    assertThat(names.resolve("gpt")).isEmpty();
    assertThat(names.models()).containsOnlyKeys("keyword", "svm");
  }

  @Test
  void whenBrokersDisagreeANameBeatsAnAliasAndTheFirstModelByNameKeepsAnAlias() {
    // brokers of one cluster started from different files: each file was valid on its own
    ModelNames names = ModelNames.of(Map.of(
        "svm", model("svm", "k"), "bayes", model("bayes", "k", "keyword"), "keyword", model("keyword")));
    assertThat(names.resolve("k").orElseThrow().name()).isEqualTo("bayes");
    assertThat(names.resolve("keyword").orElseThrow().name()).isEqualTo("keyword");
  }
}
