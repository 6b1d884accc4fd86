package io.tbms.bench.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.tuner.BatchConfiguration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What must hold on any grid, whatever the numbers: the sweep is the reference, so the tuner never
 * finds a configuration on fewer devices than it; on exact batch times the tuner also never needs
 * more; and it never measures more batch sizes than the sweep does. Not speed: that is the bench's.
 */
class TunerBenchTest {

  private static TunerBenchConfig smallGrid(double noisePercent) {
    return new TunerBenchConfig(7, 4, List.of(16, 64), List.of(1, 4), List.of(5.0, 300.0, 4000.0),
        List.of(0.9, 1.5, 4.0), 0.8, noisePercent, 2, 5);
  }

  @Test
  void onExactBatchTimesTheTunerChoosesWhatTheSweepChoosesWithNoMoreMeasurements() {
    TunerBenchReport report = TunerBenchReport.run(smallGrid(0));

    assertThat(report.results()).hasSize(report.shapes().size() * 2 * 2 * 3 * 3);
    for (CaseResult r : report.results()) {
      assertThat(r.tunerKind()).as("%s", r).isEqualTo(r.sweepKind());
      assertThat(replicas(r.tunerChoice())).as("%s", r).isEqualTo(replicas(r.sweepChoice()));
      assertThat(r.gapPercent()).as("%s", r).isLessThanOrEqualTo(2.0);
      assertThat(r.tunerMeasurements()).as("%s", r).isBetween(1, r.tunerCase().maxBatchSize());
    }
    Slice all = report.all();
    assertThat(all.tunerOnMoreDevices()).isZero();
    assertThat(all.measurementsTotal()).isLessThanOrEqualTo(all.batchSizesTotal());
    assertThat(report.bySweepOutcome()).extracting(Slice::label)
        .containsExactly("recommended", "needs_more_devices", "unreachable");
  }

  @Test
  void withNoisyBatchTimesTheTunerStillNeverBeatsTheSweepNorMeasuresMore() {
    TunerBenchReport report = TunerBenchReport.run(smallGrid(5));

    for (CaseResult r : report.results()) {
      if (r.tunerChoice().isPresent() && r.sweepChoice().isPresent()) {
        assertThat(r.tunerChoice().get().replicas()).as("%s", r)
            .isGreaterThanOrEqualTo(r.sweepChoice().get().replicas());
      }
      assertThat(r.tunerMeasurements()).as("%s", r).isLessThanOrEqualTo(r.tunerCase().maxBatchSize());
    }
    assertThat(report.all().tunerOnFewerDevices()).isZero();
  }

  @Test
  void countsAGapInDevicesCapacityAndLagAgainstTheTuner() {
    TunerCase c = new TunerCase(BatchTimeShape.power(5, 2, 1), 16, 4, 300, 30);
    BatchConfiguration sweep = BatchConfiguration.evaluate(8, 1, 21, true, 300);
    BatchConfiguration tuner = BatchConfiguration.evaluate(2, 2, 9, true, 300);
    CaseResult r = new CaseResult(c, ChoiceKind.RECOMMENDED, Optional.of(tuner), ChoiceKind.RECOMMENDED,
        Optional.of(sweep), 6);

    assertThat(r.devicesGapPercent()).isEqualTo(100.0);
    // capacity 381/s on one replica against 2 x 222/s: the tuner's is larger, a negative gap
    assertThat(r.capacityGapPercent()).isNegative();
    assertThat(r.lagGapPercent()).isNegative();
    assertThat(r.gapPercent()).isEqualTo(100.0);
    assertThat(r.batchSizeSharePercent()).isEqualTo(37.5);
    assertThat(r.configurationSharePercent()).isEqualTo(100.0 * 6 / 64);
  }

  @Test
  void countsDifferentOutcomeKindsAsAFullGapAndBothUnreachableAsNone() {
    TunerCase c = new TunerCase(BatchTimeShape.power(5, 2, 1), 16, 1, 300, 4);
    BatchConfiguration config = BatchConfiguration.evaluate(8, 2, 21, true, 300);

    assertThat(new CaseResult(c, ChoiceKind.UNREACHABLE, Optional.empty(), ChoiceKind.UNREACHABLE,
        Optional.empty(), 5).gapPercent()).isZero();
    assertThat(new CaseResult(c, ChoiceKind.NEEDS_MORE_DEVICES, Optional.of(config), ChoiceKind.UNREACHABLE,
        Optional.empty(), 5).gapPercent()).isEqualTo(CaseResult.DIFFERENT_KIND_GAP_PERCENT);
  }

  private static int replicas(Optional<BatchConfiguration> choice) {
    return choice.map(BatchConfiguration::replicas).orElse(0);
  }
}
