package io.tbms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelProfileTest {

  // query indices 0..9: right, right, wrong, right, wrong, wrong, right, right, right, wrong
  private static final boolean[] TEN = {true, true, false, true, false, false, true, true, true, false};

  @Test
  void accuracyIsOverEveryUtteranceLabelled() {
    ModelProfile profile = new ModelProfile("svm", 1.5, TEN, 0);
    assertThat(profile.accuracy()).isEqualTo(0.6);
    assertThat(profile.quality()).isEqualTo(new ModelQuality("svm", 1.5, 10, 0, 0.6));
  }

  @Test
  void windowAccuracyCountsTheWindowsUtterances() {
    ModelProfile profile = new ModelProfile("svm", 1.5, TEN, 0);
    assertThat(profile.accuracyOver(new MeasuredWindow(0, 2), 10)).isEqualTo(1.0);
    assertThat(profile.accuracyOver(new MeasuredWindow(2, 6), 10)).isEqualTo(0.25);
  }

  @Test
  void windowAccuracyCyclesThroughTheQuerySet() {
    ModelProfile profile = new ModelProfile("svm", 1.5, TEN, 0);
    // indices 8..11 are utterances 8, 9, 0, 1: right, wrong, right, right
    assertThat(profile.accuracyOver(new MeasuredWindow(8, 12), 10)).isEqualTo(0.75);
  }

  @Test
  void onlyLabelledUtterancesCountAndNoneMeansTheOverallAccuracy() {
    boolean[] firstFour = {true, false, false, false};
    ModelProfile profile = new ModelProfile("bayes", 0.8, firstFour, 3);
    // a set of 10 utterances of which 4 were labelled: indices 2..7 hold labelled 2, 3 only
    assertThat(profile.accuracyOver(new MeasuredWindow(2, 8), 10)).isEqualTo(0.0);
    assertThat(profile.accuracyOver(new MeasuredWindow(0, 8), 10)).isEqualTo(0.25);
    assertThat(profile.accuracyOver(new MeasuredWindow(5, 9), 10)).isEqualTo(0.25);
  }

  @Test
  void refusesImpossibleProfiles() {
    assertThatThrownBy(() -> new ModelProfile("svm", -1, TEN, 0)).hasMessageContaining("idleP50Ms");
    assertThatThrownBy(() -> new ModelProfile("svm", 1, TEN, 11)).hasMessageContaining("errors");
  }
}
