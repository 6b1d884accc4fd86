package io.tbms.tuner.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HysteresisTest {

  private final Hysteresis hysteresis = new Hysteresis(0.25, 2);

  @Test
  void aNewChoiceIsAppliedOnceItHoldsForTwoObservationsOutsideTheBand() {
    hysteresis.applied(20, 1);

    assertThat(hysteresis.observe(200, 8)).isFalse();
    assertThat(hysteresis.observe(210, 8)).isTrue();
    hysteresis.applied(210, 8);
    assertThat(hysteresis.observe(205, 8)).isFalse();
  }

  @Test
  void qpsWanderingInsideTheBandChangesNothingEvenIfTheChoiceWould() {
    hysteresis.applied(100, 4);
    for (double qps : new double[] {110, 90, 120, 80, 124}) {
      assertThat(hysteresis.observe(qps, qps > 100 ? 5 : 3)).as("at %s QPS", qps).isFalse();
    }
  }

  @Test
  void aChoiceThatComesAndGoesIsNotApplied() {
    hysteresis.applied(20, 1);
    assertThat(hysteresis.observe(200, 8)).isFalse();
    assertThat(hysteresis.observe(200, 6)).isFalse(); // another choice: counting starts again
    assertThat(hysteresis.observe(200, 8)).isFalse();
    assertThat(hysteresis.observe(20, 1)).as("back to what is applied").isFalse();
    assertThat(hysteresis.observe(200, 8)).isFalse();
    assertThat(hysteresis.observe(200, 8)).isTrue();
  }

  @Test
  void beforeAnythingIsAppliedAnyQpsCounts() {
    assertThat(hysteresis.moved(5)).isTrue();
    assertThat(new Hysteresis(0.25, 1).observe(5, 2)).isTrue();
  }

  @Test
  void refusesBadSettings() {
    assertThatThrownBy(() -> new Hysteresis(0, 2)).hasMessageContaining("band");
    assertThatThrownBy(() -> new Hysteresis(0.2, 0)).hasMessageContaining("confirmations");
  }
}
