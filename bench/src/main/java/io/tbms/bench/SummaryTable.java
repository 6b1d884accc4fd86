package io.tbms.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The compact acceptance summary: per cell, the broker's accuracy against the best baseline's and
 * the oracle's, its EMPTY and on-time shares, and a mark per acceptance line ({@link Acceptance}),
 * followed by how many cells pass each line.
 */
final class SummaryTable {

  private SummaryTable() {}

  static String render(List<CellVerdict> verdicts) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "Acceptance per cell (issue 15): broker accuracy ≥ the best baseline's; ≥ the oracle's − %.0f points; "
            + "EMPTY ≤ %s where some model's idle p50 fits the budget; ≥ %s within budget + 1 ms at loads ≤ %s×, "
            + "≥ %s above. ✓ pass, ✗ fail, – does not apply.%n%n",
        Acceptance.ORACLE_POINTS, MarkdownReport.pct(Acceptance.EMPTY_MAX),
        MarkdownReport.pct(Acceptance.ON_TIME_UP_TO_2X), MarkdownReport.trim(Acceptance.ON_TIME_LOAD_LIMIT),
        MarkdownReport.pct(Acceptance.ON_TIME_ABOVE_2X)));
    out.append("| load | budget ms | broker acc. | best baseline | oracle | EMPTY | ≤ budget | ≤ budget+1ms"
        + " | ≥ baseline | ≥ oracle − 2 | EMPTY ≤ 0.5% | on time |\n");
    out.append("|---:|---:|---:|---|---:|---:|---:|---:|:---:|:---:|:---:|:---:|\n");
    for (CellVerdict v : verdicts) {
      out.append(String.format(Locale.ROOT, "| %s× | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          MarkdownReport.trim(v.loadFactor()), v.budgetMs(), MarkdownReport.pct(v.brokerAccuracy()),
          v.bestBaseline() == null ? "–"
              : MarkdownReport.pct(v.bestBaselineAccuracy()) + " (" + v.bestBaseline() + ")",
          MarkdownReport.pct(v.oracleAccuracy()), MarkdownReport.pct(v.brokerEmpty()),
          MarkdownReport.pct(v.withinBudget()), MarkdownReport.pct(v.withinBudgetPlus1()),
          v.atLeastBaseline().symbol(), v.nearOracle().symbol(), v.fewEmpty().symbol(), v.onTime().symbol()));
    }
    out.append(String.format(Locale.ROOT, "%nCells passing: ≥ baseline %s, ≥ oracle − 2 %s, EMPTY ≤ 0.5%% %s, "
            + "on time %s; every line: %d of %d.%n",
        count(verdicts, CellVerdict::atLeastBaseline), count(verdicts, CellVerdict::nearOracle),
        count(verdicts, CellVerdict::fewEmpty), count(verdicts, CellVerdict::onTime),
        verdicts.stream().filter(CellVerdict::passed).count(), verdicts.size()));
    return out.toString();
  }

  /** "passed of applicable", e.g. {@code 20/24}. */
  static String count(List<CellVerdict> verdicts, Function<CellVerdict, Mark> line) {
    long applicable = verdicts.stream().filter(v -> line.apply(v) != Mark.NOT_APPLICABLE).count();
    long passed = verdicts.stream().filter(v -> line.apply(v) == Mark.PASS).count();
    return passed + "/" + applicable;
  }
}
