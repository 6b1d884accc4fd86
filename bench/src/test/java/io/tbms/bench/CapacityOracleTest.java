package io.tbms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tbms.bench.BenchGrid.Cell;
import io.tbms.bench.CapacityOracle.Candidate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityOracleTest {

  private static List<Candidate> chain(double embeddingIdleMs) {
    return List.of(
        new Candidate("embedding", embeddingIdleMs, 0.92),
        new Candidate("svm", 1.5, 0.85),
        new Candidate("bayes", 0.9, 0.80),
        new Candidate("keyword", 0.4, 0.40));
  }

  @Test
  void belowCapacityTheBestModelAnswersEverything() {
    OracleRow row = CapacityOracle.of(new Cell(0.5, 50), chain(12));
    assertThat(row.best()).isEqualTo("embedding");
    assertThat(row.bestShare()).isEqualTo(1.0);
    assertThat(row.nextShare()).isZero();
    assertThat(row.accuracy()).isEqualTo(0.92);
    assertThat(CapacityOracle.of(new Cell(1, 50), chain(12)).accuracy()).isEqualTo(0.92);
  }

  @Test
  void aboveCapacityTheBestAnswersOneOverLoadAndTheNextTheRest() {
    OracleRow row = CapacityOracle.of(new Cell(4, 50), chain(12));
    assertThat(row.best()).isEqualTo("embedding");
    assertThat(row.bestShare()).isEqualTo(0.25);
    assertThat(row.next()).isEqualTo("svm");
    assertThat(row.nextShare()).isEqualTo(0.75);
    assertThat(row.accuracy()).isCloseTo(0.25 * 0.92 + 0.75 * 0.85, within(1e-12));
  }

  @Test
  void aBestModelTooSlowForTheBudgetGivesWayToTheFirstThatFits() {
    OracleRow row = CapacityOracle.of(new Cell(8, 20), chain(25));
    assertThat(row.best()).isEqualTo("svm");
    assertThat(row.bestShare()).isEqualTo(1.0); // svm's capacity is not the loads' unit
    assertThat(row.next()).isEqualTo("bayes");
    assertThat(row.accuracy()).isEqualTo(0.85);
  }

  @Test
  void anIdleLatencyEqualToTheBudgetFits() {
    assertThat(CapacityOracle.of(new Cell(2, 25), chain(25)).best()).isEqualTo("embedding");
  }

  @Test
  void withoutASecondFittingModelTheRestGoesUnanswered() {
    List<Candidate> chain = List.of(new Candidate("embedding", 10, 0.9), new Candidate("svm", 60, 0.85));
    OracleRow row = CapacityOracle.of(new Cell(2, 50), chain);
    assertThat(row.next()).isNull();
    assertThat(row.accuracy()).isEqualTo(0.45);
  }

  @Test
  void noFittingModelAnswersNothing() {
    OracleRow row = CapacityOracle.of(new Cell(1, 5), List.of(new Candidate("embedding", 10, 0.9)));
    assertThat(row.best()).isNull();
    assertThat(row.accuracy()).isZero();
  }

  @Test
  void eachCellUsesTheModelsAccuracyOnItsOwnUtterances() {
    // 100 utterances; embedding is right on the first 10 only, svm on all
    boolean[] firstTen = new boolean[100];
    java.util.Arrays.fill(firstTen, 0, 10, true);
    boolean[] all = new boolean[100];
    java.util.Arrays.fill(all, true);
    List<ModelProfile> profiles = List.of(new ModelProfile("embedding", 5, firstTen, 0),
        new ModelProfile("svm", 1, all, 0));
    // a 1 s window at 5 q/s (0.5 x 10 q/s) without warm-up holds only utterances of the first ten
    MeasuredWindow window = MeasuredWindow.of(5, 150, Duration.ZERO, Duration.ofSeconds(1));
    assertThat(window.to()).isLessThanOrEqualTo(10);

    List<OracleRow> rows = CapacityOracle.rows(List.of(new Cell(0.5, 50), new Cell(0.5, 2)), profiles, 10, 150,
        Duration.ZERO, Duration.ofSeconds(1), 100);

    assertThat(rows).extracting(OracleRow::best).containsExactly("embedding", "svm");
    assertThat(rows.get(0).accuracy()).isEqualTo(1.0); // not embedding's 10% over the whole set
    assertThat(rows.get(1).accuracy()).isEqualTo(1.0);
  }

  @Test
  void noProfilesNoOracle() {
    assertThat(CapacityOracle.rows(List.of(new Cell(1, 50)), List.of(), 300, 150, Duration.ZERO,
        Duration.ofSeconds(1), 100)).isEmpty();
  }
}
