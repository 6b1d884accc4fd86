package io.tbms.tuner.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tbms.tuner.BatchProfile;
import io.tbms.tuner.ProfilePoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassiveProfileTest {

  @Test
  void batchTimeIsTheMeanComputeTimePerBatchOfEachSize() {
    BatchProfile profile = PassiveProfile.from("embedding", List.of(
        new BatchStat(4, 10, 120_000_000L),   // 10 batches of 4 in 120 ms: 12 ms each
        new BatchStat(1, 50, 300_000_000L)),  // 50 single requests in 300 ms: 6 ms each
        3).orElseThrow();

    assertThat(profile.model()).isEqualTo("embedding");
    assertThat(profile.points()).extracting(ProfilePoint::batchSize).containsExactly(1, 4);
    assertThat(profile.measured(1).getAsDouble()).isCloseTo(6.0, within(1e-9));
    assertThat(profile.measured(4).getAsDouble()).isCloseTo(12.0, within(1e-9));
  }

  @Test
  void leavesOutSizesThatRanTooRarelyOrNotAtAll() {
    BatchProfile profile = PassiveProfile.from("svm", List.of(
        new BatchStat(1, 100, 200_000_000L),
        new BatchStat(8, 2, 40_000_000L),
        new BatchStat(16, 5, 0)), 3).orElseThrow();

    assertThat(profile.points()).extracting(ProfilePoint::batchSize).containsExactly(1);
  }

  @Test
  void isEmptyWhenNothingRanOftenEnough() {
    assertThat(PassiveProfile.from("bayes", List.of(new BatchStat(1, 1, 5_000_000L)), 3)).isEmpty();
    assertThat(PassiveProfile.from("bayes", List.of(), 1)).isEmpty();
  }

  @Test
  void refusesBadInputNamingTheField() {
    assertThatThrownBy(() -> new BatchStat(0, 1, 1)).hasMessageContaining("batchSize");
    assertThatThrownBy(() -> new BatchStat(1, -1, 1)).hasMessageContaining("count");
    assertThatThrownBy(() -> PassiveProfile.from("m", List.of(), 0)).hasMessageContaining("minBatches");
  }
}
