package io.tbms.bench;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a {@link BenchReport} as the Markdown of {@code docs/benchmarks.md}: the run's setup,
 * the models' profiles and the oracle's formula, one table of every row (each cell's rows followed
 * by its oracle row), then the acceptance summary ({@link SummaryTable}).
 */
final class MarkdownReport {

  private MarkdownReport() {}

  static String render(BenchReport report) {
    Set<String> models = new LinkedHashSet<>();
    report.rows().forEach(r -> models.addAll(r.answeredByModel().keySet()));
    report.models().forEach(m -> models.add(m.model()));
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "Capacity of `embedding`: %.0f QPS (%s). Budgets %s ms; %s s measured after %s s warm-up per row; "
            + "seed %d; %d CLINC150 test utterances.%n%n",
        report.capacityQps(), report.capacityMeasured() ? "measured closed loop" : "given",
        report.budgetsMs().stream().map(String::valueOf).collect(Collectors.joining(", ")),
        trim(report.durationS()), trim(report.warmupS()), report.seed(), report.testQueries()));
    if (!report.models().isEmpty()) {
      out.append(oracleNote(report.models())).append("\n\n");
    }
    out.append("| target | load | budget ms | QPS | sent | terminal | 429 | err+lost | ≤ budget | ≤ budget+1ms"
        + " | p50 ms | p99 ms | p99.9 ms |");
    models.forEach(m -> out.append(' ').append(m).append(" |"));
    out.append(" EMPTY | accuracy | acc. answered | send lag p99 ms |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    models.forEach(m -> out.append("---:|"));
    out.append("---:|---:|---:|---:|\n");
    Set<BenchGrid.Cell> oracleDone = new HashSet<>();
    List<LoadSummary> rows = report.rows();
    for (int i = 0; i < rows.size(); i++) {
      LoadSummary r = rows.get(i);
      out.append(row(r, models));
      boolean cellEnds = i + 1 == rows.size() || !rows.get(i + 1).cell().equals(r.cell());
      if (cellEnds && oracleDone.add(r.cell())) {
        report.oracleOf(r.cell()).ifPresent(o -> out.append(oracleRow(o, models)));
      }
    }
    rows.stream().filter(r -> !r.errorKinds().isEmpty()).forEach(r -> out.append(String.format(
        Locale.ROOT, "%nErrors, %s at %s×, %d ms: %s%n", r.target(), trim(r.loadFactor()), r.budgetMs(),
        r.errorKinds())));
    report.brokerOverhead().ifPresent(o -> out.append(String.format(Locale.ROOT,
        "%nBroker overhead (broker-svm-only − direct-svm at %s× capacity, %d ms): p50 %+.2f ms, p99 %+.2f ms.%n",
        trim(o.loadFactor()), o.budgetMs(), o.p50DiffMs(), o.p99DiffMs())));
    report.skipped().forEach(s -> out.append(String.format("%nSkipped: %s%n", s)));
    if (!report.summary().isEmpty()) {
      out.append('\n').append(SummaryTable.render(report.summary()));
    }
    return out.toString();
  }

  /** The models' profiles and the oracle's formula, printed above the table. */
  static String oracleNote(List<ModelQuality> models) {
    String profiles = models.stream()
        .map(m -> String.format(Locale.ROOT, "%s %s ms, %s%s", m.model(), ms(m.idleP50Ms()), pct(m.accuracy()),
            m.errors() > 0 ? " (" + m.errors() + " failed calls)" : ""))
        .collect(Collectors.joining("; "));
    return String.format(Locale.ROOT,
        "Models, called directly over KServe v2 (idle p50 of %d sequential calls; accuracy on the first %d "
            + "shuffled test utterances): %s.%n%n"
            + "Oracle rows (computed, not sent): the chain's models whose idle p50 fits the budget, in chain order, "
            + "give best and next; best answers a share s = min(1, 1/load) when it is `%s` (the loads are multiples "
            + "of its capacity), else s = 1; next answers the rest: accuracy = s·acc(best) + (1 − s)·acc(next), "
            + "each model's accuracy taken on the utterances of the cell's measured window.",
        ModelProfiler.IDLE_CALLS, models.get(0).queries(), profiles, models.get(0).model());
  }

  private static String row(LoadSummary r, Set<String> models) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "| %s | %s× | %d | %.0f | %d | %d | %d | %d | %s | %s | %s | %s | %s |",
        r.target(), trim(r.loadFactor()), r.budgetMs(), r.rateQps(), r.sent(), r.terminal(), r.rejected(),
        r.errors() + r.lost(), pct(r.withinBudget()), pct(r.withinBudgetPlus1()),
        ms(r.p50Ms()), ms(r.p99Ms()), ms(r.p999Ms())));
    Map<String, Double> byModel = r.answeredByModel();
    models.forEach(m -> out.append(' ').append(byModel.containsKey(m) ? pct(byModel.get(m)) : "–").append(" |"));
    out.append(String.format(Locale.ROOT, " %s | %s | %s | %s |%n",
        pct(r.emptyShare()), pct(r.accuracy()), pct(r.accuracyAnswered()), ms(r.sendLagP99Ms())));
    return out.toString();
  }

  private static String oracleRow(OracleRow o, Set<String> models) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "| oracle | %s× | %d | – | – | – | – | – | – | – | – | – | – |", trim(o.loadFactor()), o.budgetMs()));
    models.forEach(m -> out.append(' ').append(
        m.equals(o.best()) ? pct(o.bestShare()) : m.equals(o.next()) ? pct(o.nextShare()) : "–").append(" |"));
    double answered = (o.best() == null ? 0 : o.bestShare()) + (o.next() == null ? 0 : o.nextShare());
    out.append(String.format(Locale.ROOT, " %s | %s | %s | – |%n", pct(1 - answered), pct(o.accuracy()),
        answered > 0 ? pct(o.accuracy() / answered) : "–"));
    return out.toString();
  }

  static String pct(double share) {
    return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  static String ms(double millis) {
    return Double.isNaN(millis) ? "–" : Double.isInfinite(millis) ? "∞" : String.format(Locale.ROOT, "%.1f", millis);
  }

  static String trim(double load) {
    return load == Math.rint(load) ? Long.toString((long) load) : Double.toString(load);
  }
}
