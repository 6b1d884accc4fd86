package io.tbms.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class BatchFormulasProperties {

  @Property
  void qpsMaxIsBatchesPerSecondTimesTheBatchSize(@ForAll @IntRange(min = 1, max = 512) int b,
      @ForAll @DoubleRange(min = 0.1, max = 1000) double t) {
    double batchesPerSecond = 1000 / t;
    assertThat(BatchFormulas.qpsMax(b, t)).isCloseTo(batchesPerSecond * b, within(1e-9 * b * batchesPerSecond));
  }

  @Property
  void lagIsTheBatchTimePlusHalfTheFillTime(@ForAll @IntRange(min = 1, max = 512) int b,
      @ForAll @DoubleRange(min = 0.1, max = 1000) double t, @ForAll @DoubleRange(min = 0.1, max = 100_000) double q) {
    double lag = BatchFormulas.lagMillis(b, t, q);
    double secondsToFill = (b - 1) / q;
    assertThat(lag).isCloseTo(t + secondsToFill * 1000 / 2, within(1e-9 * lag));
    assertThat(lag).isGreaterThanOrEqualTo(t);
  }

  @Property
  void atSaturationLagOverBatchTimeIsOnePlusBMinusOneOverTwoB(@ForAll @IntRange(min = 1, max = 512) int b,
      @ForAll @DoubleRange(min = 0.1, max = 1000) double t) {
    double q = BatchFormulas.qpsMax(b, t);
    assertThat(BatchFormulas.lagMillis(b, t, q) / t)
        .isCloseTo(BatchFormulas.saturationLagRatio(b), within(1e-9))
        .isCloseTo(1 + (b - 1) / (2.0 * b), within(1e-9))
        .isBetween(1.0, 1.5);
  }

  @Property
  void lagFallsAsTrafficRisesWhileTheBatchFills(@ForAll @IntRange(min = 2, max = 512) int b,
      @ForAll @DoubleRange(min = 0.1, max = 1000) double t, @ForAll @DoubleRange(min = 0.1, max = 10_000) double q) {
    assertThat(BatchFormulas.lagMillis(b, t, 2 * q)).isLessThan(BatchFormulas.lagMillis(b, t, q));
  }
}
