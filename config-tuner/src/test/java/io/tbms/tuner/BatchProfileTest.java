package io.tbms.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchProfileTest {

  private static BatchProfile profile(double... sizesAndTimes) {
    List<ProfilePoint> points = new java.util.ArrayList<>();
    for (int i = 0; i < sizesAndTimes.length; i += 2) {
      points.add(new ProfilePoint((int) sizesAndTimes[i], sizesAndTimes[i + 1]));
    }
    return new BatchProfile("embedding", points);
  }

  @Test
  void fitsALinearProfileExactly() {
    BatchProfile linear = profile(1, 7, 2, 9, 4, 13, 8, 21);
    assertThat(linear.fit().baseMillis()).isCloseTo(5, within(1e-9));
    assertThat(linear.fit().perItemMillis()).isCloseTo(2, within(1e-9));
    assertThat(linear.batchTimeMillis(6)).isCloseTo(17, within(1e-9));
    assertThat(linear.batchTimeMillis(16)).isCloseTo(37, within(1e-9));
  }

  @Test
  void usesTheMeasuredPointWhereTheBatchSizeWasMeasured() {
    BatchProfile concave = profile(1, 6, 2, 6.5, 4, 7.5, 8, 9, 16, 12);
    assertThat(concave.batchTimeMillis(4)).isEqualTo(7.5);
    assertThat(concave.batchTimeMillis(16)).isEqualTo(12);
    assertThat(concave.isMeasured(8)).isTrue();
    assertThat(concave.isMeasured(9)).isFalse();
  }

  @Test
  void keepsTheFitBetweenTheMeasuredNeighbours() {
    // least squares through these: base ≈ 6.2, per item ≈ 0.36; T(12) by the line ≈ 10.6 but T(16) = 12
    BatchProfile concave = profile(1, 6, 2, 6.5, 4, 7.5, 8, 9, 16, 12);
    double fitted = concave.fit().at(12);
    assertThat(concave.batchTimeMillis(12)).isEqualTo(Math.min(Math.max(fitted, 9), 12));
    // the convex case: the line (base ≈ -5.4, per item ≈ 2.8) runs under T(1) at b = 2 and over T(4) at b = 3
    BatchProfile convex = profile(1, 1, 4, 1.3, 16, 40);
    assertThat(convex.fit().at(2)).isLessThan(1);
    assertThat(convex.batchTimeMillis(2)).isEqualTo(1);
    assertThat(convex.fit().at(3)).isGreaterThan(1.3);
    assertThat(convex.batchTimeMillis(3)).isEqualTo(1.3);
    assertThat(convex.batchTimeMillis(8)).isEqualTo(convex.fit().at(8));
    assertThat(convex.batchTimeMillis(32)).isEqualTo(convex.fit().at(32)).isGreaterThan(40);
  }

  @Test
  void belowTheSmallestMeasuredSizeABatchNeverCostsMorePerItem() {
    BatchProfile one = profile(8, 16);
    assertThat(one.fit()).isEqualTo(new LinearFit(16, 0));
    assertThat(one.batchTimeMillis(4)).isEqualTo(16);
    assertThat(one.batchTimeMillis(32)).isEqualTo(16);
    BatchProfile steep = profile(8, 16, 16, 48);
    assertThat(steep.fit().at(2)).isLessThan(0);
    assertThat(steep.batchTimeMillis(2)).isEqualTo(4);
  }

  @Test
  void aFallingProfileFitsTheFlatLineThroughTheMean() {
    assertThat(profile(1, 10, 2, 8).fit()).isEqualTo(new LinearFit(9, 0));
  }

  @Test
  void keepsPointsSortedAndReplacesAMeasurement() {
    BatchProfile p = profile(8, 21, 1, 7).withPoint(new ProfilePoint(4, 13)).withPoint(new ProfilePoint(8, 22));
    assertThat(p.points()).containsExactly(new ProfilePoint(1, 7), new ProfilePoint(4, 13), new ProfilePoint(8, 22));
    assertThat(p.largestMeasuredBatchSize()).isEqualTo(8);
  }

  @Test
  void rejectsBadProfilesNamingTheField() {
    assertThatThrownBy(() -> new BatchProfile("m", List.of())).hasMessageStartingWith("points must hold at least one");
    assertThatThrownBy(() -> new BatchProfile(" ", List.of(new ProfilePoint(1, 1)))).hasMessage("model must not be blank");
    assertThatThrownBy(() -> profile(1, 7, 1, 8)).hasMessageContaining("batch size 1 is measured twice");
    assertThatThrownBy(() -> new ProfilePoint(0, 7)).hasMessage("batchSize must be >= 1, was 0");
    assertThatThrownBy(() -> new ProfilePoint(2, -1)).hasMessage("batchTimeMillis must be a positive number of ms, was -1.0 (batch size 2)");
  }
}
