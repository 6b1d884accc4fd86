package io.tbms.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tbms.zoo.model.Prediction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Clinc150LoaderTest {

  @TempDir Path dir;

  @Test
  void loadsTheSixSplitsOfTheBundledCopyKeepingOutOfScopeInTheirSplit() {
    Dataset d = Clinc150Loader.loadBundled();
    assertThat(d.train()).hasSize(15_100);
    assertThat(d.val()).hasSize(3_100);
    assertThat(d.test()).hasSize(5_500);
    assertThat(Dataset.outOfScope(d.test())).hasSize(1_000).allMatch(LabeledText::outOfScope);
    assertThat(Dataset.inScope(d.train())).hasSize(15_000).noneMatch(LabeledText::outOfScope);
    assertThat(d.labels()).hasSize(151).contains(Prediction.OUT_OF_SCOPE, "balance");
    // the README's published checksum of data_full.json
    assertThat(d.fingerprint()).isEqualTo("36923c3705a59e08fe9c3883d8bc2dd966ef93e22cb78ac41171782a698d56e0");
  }

  @Test
  void theBundledCopyCarriesItsLicenceAndCitation() throws Exception {
    String dir = "/io/tbms/zoo/data/clinc150/";
    try (var licence = Clinc150Loader.class.getResourceAsStream(dir + "LICENSE");
        var readme = Clinc150Loader.class.getResourceAsStream(dir + "README.md")) {
      assertThat(licence).as("LICENSE beside the bundled data").isNotNull();
      assertThat(new String(licence.readAllBytes(), StandardCharsets.UTF_8)).contains("Attribution 3.0 Unported");
      assertThat(readme).as("README.md beside the bundled data").isNotNull();
      assertThat(new String(readme.readAllBytes(), StandardCharsets.UTF_8)).contains("Larson").contains("EMNLP-IJCNLP").contains("CC BY 3.0");
    }
  }

  @Test
  void theSystemPropertyOverridesTheBundledCopy() throws Exception {
    Files.writeString(dir.resolve("data_full.json"), "{\"train\": [[\"hi\", \"greet\"]], \"val\": [], "
        + "\"test\": [[\"hello\", \"greet\"]], \"oos_train\": [], \"oos_val\": [], \"oos_test\": []}");
    String before = System.getProperty(Clinc150Loader.DATA_DIR_PROPERTY);
    System.setProperty(Clinc150Loader.DATA_DIR_PROPERTY, dir.toString());
    try {
      Dataset d = Clinc150Loader.loadDefault();
      assertThat(d.source()).isEqualTo(dir.resolve("data_full.json").toString());
      assertThat(d.train()).containsExactly(new LabeledText("hi", "greet"));
      assertThat(Clinc150Loader.loadOrDefault(null).test()).containsExactly(new LabeledText("hello", "greet"));
    } finally {
      if (before == null) {
        System.clearProperty(Clinc150Loader.DATA_DIR_PROPERTY);
      } else {
        System.setProperty(Clinc150Loader.DATA_DIR_PROPERTY, before);
      }
    }
  }

  @Test
  void namesFileAndLineOfAMalformedPair() throws Exception {
    Path file = Files.writeString(dir.resolve("data_full.json"),
        "{\n \"train\": [[\"hi\", \"greet\"],\n  [\"oops\"]],\n \"val\": [], \"test\": []}\n");
    assertThatThrownBy(() -> Clinc150Loader.load(dir))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(file.toString() + ":3")
        .hasMessageContaining("train");
  }

  @Test
  void namesAMissingSplit() throws Exception {
    Files.writeString(dir.resolve("data_full.json"),
        "{\"train\": [[\"hi\", \"greet\"]], \"val\": [], \"test\": [], \"oos_train\": [], \"oos_val\": []}");
    assertThatThrownBy(() -> Clinc150Loader.load(dir)).isInstanceOf(DatasetException.class).hasMessageContaining("oos_test");
  }

  @Test
  void namesTheLineOfBrokenJson() throws Exception {
    Path file = Files.writeString(dir.resolve("broken.json"), "{\n\"train\": [\n[\"a\", \"b\"],,\n]}");
    assertThatThrownBy(() -> Clinc150Loader.load(file)).isInstanceOf(DatasetException.class).hasMessageContaining("broken.json:3");
  }
}
