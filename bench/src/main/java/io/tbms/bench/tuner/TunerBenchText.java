package io.tbms.bench.tuner;

import io.tbms.tuner.BatchConfiguration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders a {@link TunerBenchReport} for people: a summary, then Markdown tables by part of the grid. */
final class TunerBenchText {

  private TunerBenchText() {}

  static String render(TunerBenchReport report, int worst) {
    TunerBenchConfig config = report.config();
    Slice all = report.all();
    double tolerance = config.gapTolerancePercent();
    double target = config.measurementTargetPercent();
    StringBuilder out = new StringBuilder();
    line(out, "Config tuner vs exhaustive search: %d cases (seed %d, headroom %s, noise %s%%)", all.cases(),
        config.seed(), BatchTimeShape.number(config.headroom()), BatchTimeShape.number(config.noisePercent()));
    line(out, "  grid: %d shapes (%s) x max batch %s x devices %s x qps %s x lag target %s x T(1)",
        report.shapes().size(), report.shapesByFamily().entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
        join(config.maxBatchSizes()), join(config.maxReplicas()), join(config.qps()), join(config.lagTargets()));
    line(out, "");
    line(out, "Choice, tuner against the sweep:");
    line(out, "  same outcome kind         %d of %d (%s)", all.sameKind(), all.cases(),
        percent(100.0 * all.sameKind() / all.cases()));
    line(out, "  same (b, r)               %d of %d (%s)", all.sameConfiguration(), all.cases(),
        percent(100.0 * all.sameConfiguration() / all.cases()));
    line(out, "  sweep outcomes            %s", report.bySweepOutcome().stream()
        .map(s -> s.label() + " " + s.cases()).collect(Collectors.joining(", ")));
    line(out, "  gap (devices, capacity, lag): max %s, mean %s; within %s%%: %s of cases",
        percent(all.gapPercent().max()), percent(all.gapPercent().mean(), 3), BatchTimeShape.number(tolerance),
        percent(all.gapPercent().percentAtMost(tolerance)));
    line(out, "  tuner on more devices than the sweep: %d cases; on fewer: %d", all.tunerOnMoreDevices(),
        all.tunerOnFewerDevices());
    line(out, "");
    line(out, "Measurements: the tuner measures T(b) on one replica; a sweep measures T(b) for every batch size");
    line(out, "(maxBatch), a Model-Analyzer-style sweep every (b, r) on the devices (maxBatch x devices).");
    line(out, "  tuner measurements per case: mean %.1f, median %.0f, max %.0f", all.measurements().mean(),
        all.measurements().median(), all.measurements().max());
    line(out, "  share of batch sizes:    mean %s, median %s, max %s, pooled %s; cases <= %s%%: %s",
        percent(all.batchSizeSharePercent().mean()), percent(all.batchSizeSharePercent().median()),
        percent(all.batchSizeSharePercent().max()), percent(all.pooledBatchSizeSharePercent()),
        BatchTimeShape.number(target), percent(all.batchSizeSharePercent().percentAtMost(target)));
    line(out, "  share of configurations: mean %s, median %s, max %s, pooled %s; cases <= %s%%: %s",
        percent(all.configurationSharePercent().mean()), percent(all.configurationSharePercent().median()),
        percent(all.configurationSharePercent().max()), percent(all.pooledConfigurationSharePercent()),
        BatchTimeShape.number(target), percent(all.configurationSharePercent().percentAtMost(target)));
    line(out, "");
    line(out, "By family:");
    line(out, "");
    line(out, "| family | cases | same (b, r) | gap max | gap mean | within %s%% | measurements mean / max "
        + "| share of batch sizes | share of configurations |", BatchTimeShape.number(tolerance));
    line(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Slice s : report.byFamily()) {
      line(out, "| %s | %d | %d | %s | %s | %s | %.1f / %.0f | %s | %s |", s.label(), s.cases(),
          s.sameConfiguration(), percent(s.gapPercent().max()), percent(s.gapPercent().mean(), 3),
          percent(s.gapPercent().percentAtMost(tolerance)), s.measurements().mean(), s.measurements().max(),
          percent(s.batchSizeSharePercent().mean()), percent(s.configurationSharePercent().mean()));
    }
    line(out, "");
    line(out, "By the sweep's outcome:");
    line(out, "");
    line(out, "| sweep outcome | cases | same (b, r) | measurements mean / max | share of batch sizes "
        + "| share of configurations | cases <= %s%% of configurations |", BatchTimeShape.number(target));
    line(out, "|---|---:|---:|---:|---:|---:|---:|");
    for (Slice s : report.bySweepOutcome()) {
      line(out, "| %s | %d | %d | %.1f / %.0f | %s | %s | %s |", s.label(), s.cases(), s.sameConfiguration(),
          s.measurements().mean(), s.measurements().max(), percent(s.batchSizeSharePercent().mean()),
          percent(s.configurationSharePercent().mean()),
          percent(s.configurationSharePercent().percentAtMost(target)));
    }
    line(out, "");
    line(out, "By largest batch size (mean share of configurations per device count):");
    line(out, "");
    List<Integer> devices = config.maxReplicas();
    line(out, "| max batch | measurements mean / max | share of batch sizes | %s |",
        devices.stream().map(TunerBenchText::devices).collect(Collectors.joining(" | ")));
    line(out, "|---:|---:|---:|%s", "---:|".repeat(devices.size()));
    List<Slice> cells = report.byMaxBatchSizeAndDevices();
    for (Slice s : report.byMaxBatchSize()) {
      String row = devices.stream()
          .map(d -> cells.stream().filter(c -> c.label().equals(s.label() + "x" + d)).findFirst()
              .map(c -> percent(c.configurationSharePercent().mean())).orElse("–"))
          .collect(Collectors.joining(" | "));
      line(out, "| %s | %.1f / %.0f | %s | %s |", s.label(), s.measurements().mean(), s.measurements().max(),
          percent(s.batchSizeSharePercent().mean()), row);
    }
    if (worst > 0) {
      line(out, "");
      line(out, "Largest gaps, then most measurements:");
      for (CaseResult r : report.worst(worst)) {
        TunerCase c = r.tunerCase();
        line(out, "  %s, max batch %d, %s, %s QPS, L %.1f ms: tuner %s, sweep %s; gap %s, %d measurements",
            c.shape().name(), c.maxBatchSize(), devices(c.maxReplicas()), BatchTimeShape.number(c.qps()),
            c.lagTargetMillis(),
            choice(r.tunerKind(), r.tunerChoice()), choice(r.sweepKind(), r.sweepChoice()), percent(r.gapPercent()),
            r.tunerMeasurements());
      }
    }
    return out.toString();
  }

  private static String choice(ChoiceKind kind, Optional<BatchConfiguration> c) {
    return c.map(x -> String.format(Locale.ROOT, "%s b=%d r=%d lag %.1f ms", kind.id(), x.batchSize(), x.replicas(),
        x.lagMillis())).orElse(kind.id());
  }

  private static String devices(int count) {
    return count == 1 ? "1 device" : count + " devices";
  }

  private static String percent(double value) {
    return percent(value, 1);
  }

  private static String percent(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f%%", value);
  }

  private static String join(List<? extends Number> values) {
    return values.stream().map(v -> BatchTimeShape.number(v.doubleValue())).collect(Collectors.joining(","));
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
