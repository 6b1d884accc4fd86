package io.tbms.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.zoo.eval.Evaluator;
import io.tbms.zoo.testing.TrainedModels;
import org.junit.jupiter.api.Test;

/**
 * Floors on the CLINC150 test split (never trained or tuned on), a little under the values
 * measured with {@code ./tbms models --eval} and written in docs/models.md, so that a regression in
 * any model fails the build. The models come from the same cache the server uses.
 */
class ModelAccuracyTest {

  private static ScopeTally onTestSplit(String model) {
    return Evaluator.tally(TrainedModels.all().get(model), TrainedModels.clinc150().test());
  }

  @Test
  void embeddingIsTheMostAccurateAndCatchesMostOutOfScope() {
    ScopeTally tally = onTestSplit("embedding"); // measured 0.9327 / 0.733
    assertThat(tally.accuracy()).isGreaterThan(0.92);
    assertThat(tally.oosRecall()).isGreaterThan(0.70);
  }

  @Test
  void svmHoldsItsFloorOnTheTestSplit() {
    ScopeTally tally = onTestSplit("svm"); // measured 0.9004 / 0.647
    assertThat(tally.accuracy()).isGreaterThan(0.89);
    assertThat(tally.oosRecall()).isGreaterThan(0.61);
  }

  @Test
  void bayesHoldsItsFloorOnTheTestSplit() {
    ScopeTally tally = onTestSplit("bayes"); // measured 0.8631 / 0.516
    assertThat(tally.accuracy()).isGreaterThan(0.85);
    assertThat(tally.oosRecall()).isGreaterThan(0.48);
  }

  @Test
  void keywordHoldsItsFloorOnTheTestSplit() {
    ScopeTally tally = onTestSplit("keyword"); // measured 0.7998 / 0.600
    assertThat(tally.accuracy()).isGreaterThan(0.785);
    assertThat(tally.oosRecall()).isGreaterThan(0.56);
  }
}
