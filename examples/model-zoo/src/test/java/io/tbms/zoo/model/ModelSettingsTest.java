package io.tbms.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelSettingsTest {

  @Test
  void defaultsAreTheMeasuredChoices() {
    ModelSettings s = ModelSettings.ofDefaults();
    assertThat(s.svmC()).isEqualTo(1.0);
    assertThat(s.bayesAlpha()).isEqualTo(0.01);
    assertThat(s.maxNgram()).isEqualTo(2);
    assertThat(s.keywordTopK()).isEqualTo(1);
    assertThat(s.oosMaxAccuracyLoss()).isEqualTo(0.02);
    assertThat(s.embeddingThreads()).isEqualTo(1);
    assertThat(s.embeddingBatchSize()).isEqualTo(32);
  }

  @Test
  void aBuilderStartedFromSettingsChangesOnlyWhatItIsTold() {
    ModelSettings s = ModelSettings.ofDefaults().toBuilder().svmC(0.5).build();
    assertThat(s).isEqualTo(new ModelSettings(0.5, s.embeddingHeadC(), s.maxNgram(), s.bayesAlpha(),
        s.keywordTopK(), s.oosMaxAccuracyLoss(), s.embeddingThreads(), s.embeddingTrainingThreads(),
        s.embeddingBatchSize()));
    assertThat(s.toBuilder().build()).isEqualTo(s);
  }

  @Test
  void rejectsBadValuesNamingTheField() {
    assertThatThrownBy(() -> ModelSettings.custom().svmC(0).build()).hasMessageContaining("svmC");
    assertThatThrownBy(() -> ModelSettings.custom().bayesAlpha(Double.NaN).build()).hasMessageContaining("bayesAlpha");
    assertThatThrownBy(() -> ModelSettings.custom().maxNgram(4).build()).hasMessageContaining("maxNgram");
    assertThatThrownBy(() -> ModelSettings.custom().oosMaxAccuracyLoss(1).build()).hasMessageContaining("oosMaxAccuracyLoss");
    assertThatThrownBy(() -> ModelSettings.custom().embeddingThreads(0).build()).hasMessageContaining("embeddingThreads");
    assertThatThrownBy(() -> ModelSettings.custom().keywordTopK(0).build()).hasMessageContaining("keywordTopK");
  }
}
