package io.tbms.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.zoo.eval.Evaluator;
import io.tbms.zoo.eval.ModelScore;
import io.tbms.zoo.testing.TrainedModels;
import org.junit.jupiter.api.Test;

/**
 * Accuracy floors on the CLINC150 test split, a little under the values measured and written in
 * docs/models.md, so a regression in any model fails the build.
 */
class ModelAccuracyTest {

  private static ModelScore score(String model) {
    return new Evaluator(System::nanoTime).score(TrainedModels.all().get(model), TrainedModels.clinc150());
  }

  @Test
  void embeddingIsTheMostAccurate() {
    ModelScore score = score("embedding");
    assertThat(score.accuracy()).isGreaterThan(0.91);
    assertThat(score.oosRecall()).isGreaterThan(0.58);
  }

  @Test
  void svmHoldsItsFloor() {
    ModelScore score = score("svm");
    assertThat(score.accuracy()).isGreaterThan(0.87);
    assertThat(score.oosRecall()).isGreaterThan(0.52);
  }

  @Test
  void bayesHoldsItsFloor() {
    ModelScore score = score("bayes");
    assertThat(score.accuracy()).isGreaterThan(0.845);
    assertThat(score.oosRecall()).isGreaterThan(0.26);
  }

  @Test
  void keywordHoldsItsFloor() {
    ModelScore score = score("keyword");
    assertThat(score.accuracy()).isGreaterThan(0.80);
    assertThat(score.oosRecall()).isGreaterThan(0.48);
  }
}
