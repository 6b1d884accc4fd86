package io.tbms.bench;

import static io.tbms.bench.Rows.oracle;
import static io.tbms.bench.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportRenderingTest {

  private static final List<LoadSummary> ROWS = List.of(
      row("broker", 0.5, 40, 0.86, 0, 1, 1),
      row("fire-all", 0.5, 40, 0.84, 0, 0.9, 0.95),
      row("broker", 4, 40, 0.70, 0.02, 0.95, 0.96),
      row("fire-all", 4, 40, 0.75, 0, 0.9, 0.95));
  private static final List<OracleRow> ORACLE = List.of(oracle(0.5, 40, 0.87),
      new OracleRow(4, 40, "embedding", 0.25, 0.92, "svm", 0.75, 0.85, 0.8675));

  private static BenchReport report() {
    return new BenchReport(340, true, List.of(40L), 5, 2, 150, 5500,
        List.of(new ModelQuality("embedding", 9.5, 5500, 0, 0.92), new ModelQuality("svm", 1.2, 5500, 0, 0.85)),
        ROWS, ORACLE, Acceptance.summary(ROWS, ORACLE), Optional.empty(), List.of());
  }

  @Test
  void eachCellsOracleRowFollowsItsRows() {
    List<String> lines = MarkdownReport.render(report()).lines().filter(l -> l.startsWith("| ")).toList();
    List<String> targets = lines.stream().map(l -> l.split("\\|")[1].trim()).toList();
    assertThat(targets).containsSubsequence("broker", "fire-all", "oracle", "broker", "fire-all", "oracle");
    String slowOracle = lines.stream().filter(l -> l.startsWith("| oracle | 4× | 40 |")).findFirst().orElseThrow();
    assertThat(slowOracle).contains("| 25.0% |", "| 75.0% |", "| 86.8% |");
  }

  @Test
  void theReportStatesTheOracleFormulaAndTheModelsProfiles() {
    String text = MarkdownReport.render(report());
    assertThat(text).contains("s = min(1, 1/load)", "accuracy = s·acc(best) + (1 − s)·acc(next)",
        "embedding 9.5 ms, 92.0%", "| budget ms |");
  }

  @Test
  void theSummaryMarksEachLinePerCellAndCountsThem() {
    String summary = SummaryTable.render(Acceptance.summary(ROWS, ORACLE));
    assertThat(summary).contains("| 0.5× | 40 | 86.0% | 84.0% (fire-all) | 87.0% | 0.0% | 100.0% | 100.0% | ✓ | ✓ | ✓ | ✓ |");
    assertThat(summary).contains("| 4× | 40 | 70.0% | 75.0% (fire-all) | 86.8% | 2.0% | 95.0% | 96.0% | ✗ | ✗ | ✗ | ✗ |");
    assertThat(summary).contains("≥ baseline 1/2, ≥ oracle − 2 1/2, EMPTY ≤ 0.5% 1/2, on time 1/2; every line: 1 of 2.");
  }
}
