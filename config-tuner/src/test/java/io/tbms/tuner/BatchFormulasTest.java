package io.tbms.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BatchFormulasTest {

  @Test
  void tenItemsInTwentyMillisecondsServeFiveHundredQueriesPerSecond() {
    assertThat(BatchFormulas.qpsMax(10, 20)).isEqualTo(500.0);
  }

  @Test
  void fourItemsOfTwentyMillisecondsAtTwoHundredQueriesPerSecondLagTwentySevenAndAHalfMilliseconds() {
    assertThat(BatchFormulas.lagMillis(4, 20, 200)).isEqualTo(27.5);
    assertThat(BatchFormulas.fillWaitMillis(4, 200)).isEqualTo(7.5);
  }

  @Test
  void saturationRatioIsOneForBatchesOfOneAndApproachesOneAndAHalf() {
    assertThat(BatchFormulas.saturationLagRatio(1)).isEqualTo(1.0);
    assertThat(BatchFormulas.saturationLagRatio(10)).isEqualTo(1.45);
    assertThat(BatchFormulas.saturationLagRatio(1_000_000)).isCloseTo(1.5, within(1e-6));
  }

  @Test
  void lagAtQpsMaxIsTheBatchTimeTimesTheSaturationRatio() {
    double qpsMax = BatchFormulas.qpsMax(10, 20);
    assertThat(BatchFormulas.lagMillis(10, 20, qpsMax)).isCloseTo(20 * 1.45, within(1e-9));
    assertThat(BatchFormulas.saturated(10, 20, qpsMax)).isFalse();
    assertThat(BatchFormulas.saturated(10, 20, 500.5)).isTrue();
    assertThat(BatchFormulas.occupancy(10, 20, 400)).isEqualTo(0.8);
  }

  @Test
  void rejectsBadArgumentsNamingThem() {
    assertThatThrownBy(() -> BatchFormulas.qpsMax(0, 20)).hasMessage("batchSize must be >= 1, was 0");
    assertThatThrownBy(() -> BatchFormulas.qpsMax(4, 0)).hasMessage("batchTimeMillis must be a positive number, was 0.0");
    assertThatThrownBy(() -> BatchFormulas.lagMillis(4, 20, -1)).hasMessage("qps must be a positive number, was -1.0");
    assertThatThrownBy(() -> BatchFormulas.lagMillis(4, Double.NaN, 200)).hasMessageStartingWith("batchTimeMillis");
  }
}
