package io.tbms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccuracyTest {

  @Test
  void anAnswerIsCorrectOnlyWhenItsLabelEqualsTheGoldLabel() {
    assertThat(Accuracy.isCorrect(Optional.of(new Answer("svm", 1, "weather")), "weather")).isTrue();
    assertThat(Accuracy.isCorrect(Optional.of(new Answer("svm", 1, "oos")), "weather")).isFalse();
    assertThat(Accuracy.isCorrect(Optional.empty(), "weather")).isFalse();
  }

  @Test
  void emptyAnswersCountAgainstOverallButNotOverAnswered() {
    Accuracy accuracy = new Accuracy(10, 8, 6);
    assertThat(accuracy.overall()).isEqualTo(0.6);
    assertThat(accuracy.overAnswered()).isEqualTo(0.75);
  }

  @Test
  void nothingAnsweredIsZeroNotNaN() {
    assertThat(new Accuracy(4, 0, 0).overAnswered()).isZero();
    assertThat(new Accuracy(0, 0, 0).overall()).isZero();
  }

  @Test
  void refusesMoreCorrectThanAnswered() {
    assertThatThrownBy(() -> new Accuracy(5, 2, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
