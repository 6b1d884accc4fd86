package io.tbms.zoo.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.Prediction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OosThresholdTest {

  /**
   * 100 in-scope items, all right: two unsure ones (0.41, 0.43), the rest 0.60 and up; 10 oos
   * items: eight at 0.10..0.38, one at 0.42 and one confident mistake at 0.90.
   */
  private static final List<LabeledText> VAL = new ArrayList<>();
  private static final List<Prediction> RAW = new ArrayList<>();

  static {
    for (int i = 0; i < 98; i++) {
      add("a", 0.60f + i * 0.004f);
    }
    add("a", 0.41f);
    add("a", 0.43f);
    for (int i = 0; i < 8; i++) {
      add(Prediction.OUT_OF_SCOPE, 0.10f + i * 0.04f);
    }
    add(Prediction.OUT_OF_SCOPE, 0.42f);
    add(Prediction.OUT_OF_SCOPE, 0.90f);
  }

  private static void add(String gold, float score) {
    VAL.add(new LabeledText("utterance " + VAL.size(), gold));
    RAW.add(new Prediction("a", score));
  }

  private static long caught(float threshold) {
    return RAW.subList(100, 110).stream().filter(p -> OosThreshold.apply(p, threshold).outOfScope()).count();
  }

  @Test
  void catchesTheMostOutOfScopeWithinTheAllowedAccuracyLoss() {
    float threshold = OosThreshold.choose(VAL, RAW, 0.02);
    // 0.43 gives up one in-scope answer (0.41) and catches nine; no threshold within two points catches ten
    assertThat(threshold).isEqualTo(0.43f);
    assertThat(caught(threshold)).isEqualTo(9);
  }

  @Test
  void noAllowedLossKeepsEveryInScopeAnswer() {
    float threshold = OosThreshold.choose(VAL, RAW, 0.0);
    for (int i = 0; i < 100; i++) {
      assertThat(OosThreshold.apply(RAW.get(i), threshold).outOfScope()).isFalse();
    }
    assertThat(caught(threshold)).isEqualTo(8);
  }

  @Test
  void aThresholdedPredictionKeepsItsLowScore() {
    Prediction p = OosThreshold.apply(new Prediction("a", 0.2f), 0.5f);
    assertThat(p).isEqualTo(new Prediction(Prediction.OUT_OF_SCOPE, 0.2f));
    assertThat(OosThreshold.apply(new Prediction("a", 0.7f), 0.5f)).isEqualTo(new Prediction("a", 0.7f));
  }

  @Test
  void anEmptyValSplitMeansNoThreshold() {
    assertThat(OosThreshold.choose(List.of(), List.of(), 0.02)).isZero();
  }
}
