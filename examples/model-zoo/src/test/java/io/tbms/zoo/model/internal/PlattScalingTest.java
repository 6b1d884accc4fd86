package io.tbms.zoo.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlattScalingTest {

  @Test
  void recoversTheSlopeAndOffsetOfALogisticModel() {
    Random random = new Random(42);
    int n = 20_000;
    double[] f = new double[n];
    boolean[] right = new boolean[n];
    for (int i = 0; i < n; i++) {
      f[i] = random.nextGaussian() * 2;
      right[i] = random.nextDouble() < 1 / (1 + Math.exp(-(1.5 * f[i] - 0.5)));
    }
    PlattScaling platt = PlattScaling.fit(f, right);
    assertThat(platt.a()).isCloseTo(1.5, within(0.1));
    assertThat(platt.b()).isCloseTo(-0.5, within(0.1));
  }

  @Test
  void scoresGrowWithTheDecisionValueAndStayInTheUnitInterval() {
    PlattScaling platt = PlattScaling.fit(new double[] {-1, -0.5, 0.2, 0.8, 1.5, 2}, new boolean[] {false, false, true, false, true, true});
    assertThat(platt.a()).isPositive();
    assertThat(platt.score(-50)).isBetween(0f, 0.01f);
    assertThat(platt.score(50)).isBetween(0.99f, 1f);
    assertThat(platt.score(1)).isGreaterThan(platt.score(0));
  }

  @Test
  void allRightStillGivesAFiniteFit() {
    PlattScaling platt = PlattScaling.fit(new double[] {0.1, 0.5, 0.9}, new boolean[] {true, true, true});
    assertThat(platt.score(0.5)).isGreaterThan(0.5f);
    assertThat(PlattScaling.fit(new double[0], new boolean[0])).isEqualTo(PlattScaling.IDENTITY);
  }

  @Test
  void roundTripsThroughItsCacheLines() throws Exception {
    PlattScaling platt = new PlattScaling(1.25, -0.75);
    assertThat(PlattScaling.fromLines(platt.toLines())).isEqualTo(platt);
    assertThatThrownBy(() -> PlattScaling.fromLines(List.of("1.0", "x"))).isInstanceOf(java.io.IOException.class);
  }
}
