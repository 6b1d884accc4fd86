package io.tbms.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoaderTest {

  @TempDir Path dir;

  @Test
  void readsQuotedFieldsAndSkipsTheHeader() throws Exception {
    Path train = Files.writeString(dir.resolve("train.csv"),
        "text,label\n\"hello, world\",greeting\n\"she said \"\"hi\"\"\",greeting\r\nbye now,farewell\n");
    Path test = Files.writeString(dir.resolve("test.csv"), "\"multi\nline\",greeting\n");
    Dataset dataset = CsvLoader.load(train, test);
    assertThat(dataset.train()).extracting(LabeledText::text)
        .containsExactly("hello, world", "she said \"hi\"", "bye now");
    assertThat(dataset.test()).containsExactly(new LabeledText("multi\nline", "greeting"));
    assertThat(dataset.fingerprint()).hasSize(64);
  }

  @Test
  void holdsOutEveryTenthTrainingRowForValidation() throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      rows.append("text ").append(i).append(",label").append(i % 2).append('\n');
    }
    Dataset dataset = CsvLoader.load(Files.writeString(dir.resolve("t.csv"), rows), Files.writeString(dir.resolve("s.csv"), "a,b\n"));
    assertThat(dataset.val()).extracting(LabeledText::text).containsExactly("text 9", "text 19");
    assertThat(dataset.train()).hasSize(18);
  }

  @Test
  void namesFileAndLineOfABadRow() throws Exception {
    Path train = Files.writeString(dir.resolve("bad.csv"), "ok,label\nthree,fields,here\n");
    assertThatThrownBy(() -> CsvLoader.load(train, train))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("bad.csv:2")
        .hasMessageContaining("expected 2 fields");
  }
}
