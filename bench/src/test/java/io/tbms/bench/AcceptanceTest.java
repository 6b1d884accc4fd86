package io.tbms.bench;

import static io.tbms.bench.Rows.oracle;
import static io.tbms.bench.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcceptanceTest {

  @Test
  void aCellThatMeetsEveryLinePasses() {
    LoadSummary broker = row("broker", 2, 50, 0.86, 0.005, 0.998, 0.999);
    List<LoadSummary> others = List.of(row("fire-all", 2, 50, 0.85, 0, 0.7, 0.7),
        row("static-fallback", 2, 50, 0.80, 0, 1, 1));

    CellVerdict v = Acceptance.verdict(broker, others, Optional.of(oracle(2, 50, 0.88)), true);

    assertThat(v.bestBaseline()).isEqualTo("fire-all");
    assertThat(v.bestBaselineAccuracy()).isEqualTo(0.85);
    assertThat(v.oracleAccuracy()).isEqualTo(0.88);
    assertThat(List.of(v.atLeastBaseline(), v.nearOracle(), v.fewEmpty(), v.onTime())).containsOnly(Mark.PASS);
    assertThat(v.passed()).isTrue();
  }

  @Test
  void eachLineFailsOnItsOwn() {
    List<LoadSummary> baseline = List.of(row("embedding-only", 1, 40, 0.85, 0, 1, 1));
    Optional<OracleRow> oracle = Optional.of(oracle(1, 40, 0.865));

    CellVerdict belowBaseline = Acceptance.verdict(row("broker", 1, 40, 0.849, 0, 1, 1), baseline, oracle, true);
    assertThat(belowBaseline.atLeastBaseline()).isEqualTo(Mark.FAIL);
    assertThat(belowBaseline.nearOracle()).isEqualTo(Mark.PASS);
    assertThat(belowBaseline.passed()).isFalse();

    CellVerdict farFromOracle = Acceptance.verdict(row("broker", 1, 40, 0.86, 0, 1, 1), baseline,
        Optional.of(oracle(1, 40, 0.881)), true);
    assertThat(farFromOracle.nearOracle()).isEqualTo(Mark.FAIL);

    CellVerdict tooEmpty = Acceptance.verdict(row("broker", 1, 40, 0.86, 0.006, 1, 1), baseline, oracle, true);
    assertThat(tooEmpty.fewEmpty()).isEqualTo(Mark.FAIL);

    CellVerdict late = Acceptance.verdict(row("broker", 1, 40, 0.86, 0, 0.99, 0.998), baseline, oracle, true);
    assertThat(late.onTime()).isEqualTo(Mark.FAIL);
    assertThat(List.of(late.atLeastBaseline(), late.nearOracle(), late.fewEmpty())).containsOnly(Mark.PASS);
  }

  @Test
  void exactlyTwoPointsBelowTheOracleStillPasses() {
    CellVerdict v = Acceptance.verdict(row("broker", 1, 40, 0.85, 0, 1, 1), List.of(),
        Optional.of(oracle(1, 40, 0.87)), true);
    assertThat(v.nearOracle()).isEqualTo(Mark.PASS);
  }

  @Test
  void onTimeAsksLessAboveTwiceTheCapacity() {
    assertThat(Acceptance.onTimeRequired(0.25)).isEqualTo(0.999);
    assertThat(Acceptance.onTimeRequired(2)).isEqualTo(0.999);
    assertThat(Acceptance.onTimeRequired(4)).isEqualTo(0.99);
    assertThat(Acceptance.verdict(row("broker", 4, 50, 0.8, 0, 0.99, 0.991), List.of(), Optional.empty(), true)
        .onTime()).isEqualTo(Mark.PASS);
    assertThat(Acceptance.verdict(row("broker", 8, 50, 0.8, 0, 0.98, 0.989), List.of(), Optional.empty(), true)
        .onTime()).isEqualTo(Mark.FAIL);
    assertThat(Acceptance.verdict(row("broker", 2, 50, 0.8, 0, 0.99, 0.991), List.of(), Optional.empty(), true)
        .onTime()).isEqualTo(Mark.FAIL);
  }

  @Test
  void linesWithoutSomethingToCompareDoNotApply() {
    CellVerdict v = Acceptance.verdict(row("broker", 1, 5, 0.1, 0.9, 1, 1),
        List.of(row("direct-svm", 1, 5, 0.99, 0, 1, 1), row("broker-svm-only", 1, 5, 0.99, 0, 1, 1)),
        Optional.empty(), false);
    assertThat(v.bestBaseline()).isNull();
    assertThat(v.bestBaselineAccuracy()).isNaN();
    assertThat(v.oracleAccuracy()).isNaN();
    assertThat(List.of(v.atLeastBaseline(), v.nearOracle(), v.fewEmpty())).containsOnly(Mark.NOT_APPLICABLE);
    assertThat(v.passed()).isTrue();
  }

  @Test
  void summaryJudgesEachBrokerRowAgainstItsOwnCell() {
    List<LoadSummary> rows = List.of(
        row("broker", 1, 20, 0.80, 0.02, 1, 1),
        row("fire-all", 1, 20, 0.82, 0, 1, 1),
        row("broker", 1, 50, 0.86, 0, 1, 1),
        row("fire-all", 1, 50, 0.84, 0, 1, 1),
        row("direct-svm", 0.5, 50, 0.99, 0, 1, 1));
    OracleRow nothingFitsAt20 = new OracleRow(1, 20, null, 0, Double.NaN, null, 0, Double.NaN, 0);
    List<OracleRow> oracle = List.of(nothingFitsAt20, oracle(1, 50, 0.87));

    List<CellVerdict> summary = Acceptance.summary(rows, oracle);

    assertThat(summary).extracting(CellVerdict::budgetMs).containsExactly(20L, 50L);
    assertThat(summary.get(0).atLeastBaseline()).isEqualTo(Mark.FAIL);
    assertThat(summary.get(0).fewEmpty()).isEqualTo(Mark.NOT_APPLICABLE); // no model's idle p50 fits 20 ms
    assertThat(summary.get(0).nearOracle()).isEqualTo(Mark.PASS);
    assertThat(summary.get(1).bestBaseline()).isEqualTo("fire-all");
    assertThat(summary.get(1).atLeastBaseline()).isEqualTo(Mark.PASS);
    assertThat(summary.get(1).nearOracle()).isEqualTo(Mark.PASS);
  }

  @Test
  void withoutTheOracleEmptyIsHeldToItsLineEverywhere() {
    List<CellVerdict> summary = Acceptance.summary(List.of(row("broker", 1, 20, 0.8, 0.02, 1, 1)), List.of());
    assertThat(summary.get(0).fewEmpty()).isEqualTo(Mark.FAIL);
    assertThat(summary.get(0).nearOracle()).isEqualTo(Mark.NOT_APPLICABLE);
  }
}
