package io.tbms.bench;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Renders a {@link BenchReport} as the Markdown tables of {@code docs/benchmarks.md}. */
final class MarkdownReport {

  private MarkdownReport() {}

  static String render(BenchReport report) {
    Set<String> models = new LinkedHashSet<>();
    report.rows().forEach(r -> models.addAll(r.answeredByModel().keySet()));
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "Capacity of `embedding`: %.0f QPS (%s). Budget %d ms; %.0f s measured after %.0f s warm-up per row; "
            + "seed %d; %d CLINC150 test utterances.%n%n",
        report.capacityQps(), report.capacityMeasured() ? "measured closed loop" : "given",
        report.budgetMs(), report.durationS(), report.warmupS(), report.seed(), report.testQueries()));
    out.append("| target | load | QPS | sent | terminal | 429 | err+lost | ≤ budget | ≤ budget+1ms"
        + " | p50 ms | p99 ms | p99.9 ms |");
    models.forEach(m -> out.append(' ').append(m).append(" |"));
    out.append(" EMPTY | accuracy | acc. answered | send lag p99 ms |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    models.forEach(m -> out.append("---:|"));
    out.append("---:|---:|---:|---:|\n");
    for (LoadSummary r : report.rows()) {
      out.append(String.format(Locale.ROOT, "| %s | %s× | %.0f | %d | %d | %d | %d | %s | %s | %s | %s | %s |",
          r.target(), trim(r.loadFactor()), r.rateQps(), r.sent(), r.terminal(), r.rejected(),
          r.errors() + r.lost(), pct(r.withinBudget()), pct(r.withinBudgetPlus1()),
          ms(r.p50Ms()), ms(r.p99Ms()), ms(r.p999Ms())));
      Map<String, Double> byModel = r.answeredByModel();
      models.forEach(m -> out.append(' ').append(byModel.containsKey(m) ? pct(byModel.get(m)) : "–").append(" |"));
      out.append(String.format(Locale.ROOT, " %s | %s | %s | %s |%n",
          pct(r.emptyShare()), pct(r.accuracy()), pct(r.accuracyAnswered()), ms(r.sendLagP99Ms())));
    }
    report.rows().stream().filter(r -> !r.errorKinds().isEmpty()).forEach(r -> out.append(String.format(
        Locale.ROOT, "%nErrors, %s at %s×: %s%n", r.target(), trim(r.loadFactor()), r.errorKinds())));
    report.brokerOverhead().ifPresent(o -> out.append(String.format(Locale.ROOT,
        "%nBroker overhead (broker-svm-only − direct-svm at %s× capacity): p50 %+.2f ms, p99 %+.2f ms.%n",
        trim(o.loadFactor()), o.p50DiffMs(), o.p99DiffMs())));
    report.skipped().forEach(s -> out.append(String.format("%nSkipped: %s%n", s)));
    return out.toString();
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  static String ms(double millis) {
    return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, "%.1f", millis);
  }

  static String trim(double load) {
    return load == Math.rint(load) ? Long.toString((long) load) : Double.toString(load);
  }
}
