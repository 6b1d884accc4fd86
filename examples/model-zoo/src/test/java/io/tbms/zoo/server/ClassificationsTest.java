package io.tbms.zoo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tbms.zoo.model.ClassScore;
import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.runtime.InferenceException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationsTest {

  private static Prediction prediction(String label, float score, ClassScore... classes) {
    return new Prediction(label, score, List.of(classes));
  }

  @Test
  void keepsTheFirstKClassesOfEachRowRowMajor() {
    // a batch computed for a request that asked more keeps only what this one asked
    List<Prediction> predictions = List.of(
        prediction("a", 0.5f, new ClassScore(0, "a", 0.5f), new ClassScore(1, "b", 0.3f), new ClassScore(2, "c", 0.2f)),
        prediction("c", 0.9f, new ClassScore(2, "c", 0.9f), new ClassScore(0, "a", 0.1f), new ClassScore(1, "b", 0f)));
    Classifications two = Classifications.of(predictions, 2);
    assertThat(two.perRow()).isEqualTo(2);
    assertThat(two.elements()).containsExactly("0.5:0:a", "0.3:1:b", "0.9:2:c", "0.1:0:a");
    assertThat(Classifications.of(predictions, 7).perRow()).isEqualTo(3);
  }

  @Test
  void refusesRowsOfDifferentLengths() {
    List<Prediction> ragged = List.of(
        prediction("a", 0.5f, new ClassScore(0, "a", 0.5f), new ClassScore(1, "b", 0.3f)),
        prediction("a", 0.5f, new ClassScore(0, "a", 0.5f)));
    assertThatThrownBy(() -> Classifications.of(ragged, 2))
        .isInstanceOf(InferenceException.class)
        .hasMessageContaining("listed 1 classes");
  }
}
