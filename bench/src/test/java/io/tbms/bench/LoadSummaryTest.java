package io.tbms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadSummaryTest {

  @Test
  void quantilesComeFromTheHistogramInMilliseconds() {
    Histogram micros = new Histogram(60_000_000L, 3);
    for (long v = 1; v <= 1_000; v++) {
      micros.recordValue(v); // 1 µs .. 1000 µs, exact below 2048 at 3 digits
    }
    LoadSummary row = LoadSummary.of("t", new BenchGrid.Cell(1, 50), 100, tally(1_000, 1_000, 0, 0, 0, 0), micros, micros, Map.of());
    assertThat(row.p50Ms()).isEqualTo(0.5);
    assertThat(row.sendLagP99Ms()).isEqualTo(0.99);
    assertThat(row.p99Ms()).isEqualTo(0.99);
    assertThat(row.p999Ms()).isEqualTo(0.999);
  }

  @Test
  void sharesAreFractionsOfTheQueriesSent() {
    Map<String, Long> byModel = new LinkedHashMap<>();
    byModel.put("embedding", 50L);
    byModel.put("svm", 20L);
    byModel.put("keyword", 0L);
    Tally tally = new Tally(100, 70, 20, 6, 2, 63, 80, 88, byModel);
    LoadSummary row = LoadSummary.of("broker", new BenchGrid.Cell(2, 40), 500, tally, new Histogram(3), new Histogram(3), Map.of("HTTP 503", 2L));

    assertThat(row.budgetMs()).isEqualTo(40);
    assertThat(row.cell()).isEqualTo(new BenchGrid.Cell(2, 40));
    assertThat(row.sent()).isEqualTo(100);
    assertThat(row.terminal()).isEqualTo(90);
    assertThat(row.rejected()).isEqualTo(6);
    assertThat(row.errors()).isEqualTo(2);
    assertThat(row.lost()).isEqualTo(2);
    assertThat(row.withinBudget()).isEqualTo(0.80);
    assertThat(row.withinBudgetPlus1()).isEqualTo(0.88);
    assertThat(row.emptyShare()).isEqualTo(0.20);
    assertThat(row.answeredByModel()).containsExactly(
        Map.entry("embedding", 0.5), Map.entry("svm", 0.2), Map.entry("keyword", 0.0));
    assertThat(row.accuracy()).isEqualTo(0.63);
    assertThat(row.accuracyAnswered()).isCloseTo(0.9, within(1e-12));
    assertThat(row.errorKinds()).containsEntry("HTTP 503", 2L);
  }

  @Test
  void emptyRunHasNoQuantilesAndZeroShares() {
    LoadSummary row = LoadSummary.of("t", new BenchGrid.Cell(1, 50), 1, tally(0, 0, 0, 0, 0, 0), new Histogram(3), new Histogram(3), Map.of());
    assertThat(row.p50Ms()).isNaN();
    assertThat(row.withinBudget()).isZero();
    assertThat(row.accuracy()).isZero();
  }

  @Test
  void recorderCountsBudgetSharesExactlyAndOnlyTerminalLatencies() {
    RunRecorder recorder = new RunRecorder(50_000_000L, java.util.List.of("embedding", "svm"));
    for (int i = 0; i < 5; i++) {
      recorder.onSent(i * 100_000L);
    }
    recorder.onOutcome(QueryOutcome.answered(new Answer("svm", 1, "weather")), "weather", 50_000_000L);
    recorder.onOutcome(QueryOutcome.answered(new Answer("embedding", 0, "timer")), "weather", 50_000_001L);
    recorder.onOutcome(QueryOutcome.empty(), "weather", 51_000_001L);
    recorder.onOutcome(QueryOutcome.rejected(), "weather", 1_000L);

    Tally tally = recorder.tally();
    assertThat(tally.withinBudget()).isEqualTo(1);
    assertThat(tally.withinBudgetPlus1()).isEqualTo(2);
    assertThat(tally.correct()).isEqualTo(1);
    assertThat(tally.rejected()).isEqualTo(1);
    assertThat(tally.lost()).isEqualTo(1);
    assertThat(tally.answeredByModel()).containsExactly(Map.entry("embedding", 1L), Map.entry("svm", 1L));
    assertThat(recorder.latencyMicros().getTotalCount()).isEqualTo(3);
    assertThat(recorder.sendLagMicros().getMaxValue()).isEqualTo(400);
  }

  private static Tally tally(long sent, long answered, long empty, long rejected, long errors, long correct) {
    return new Tally(sent, answered, empty, rejected, errors, correct, 0, 0, Map.of());
  }
}
