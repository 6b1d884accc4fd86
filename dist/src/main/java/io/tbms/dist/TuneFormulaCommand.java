package io.tbms.dist;

import io.tbms.tuner.BatchFormulas;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tbms tune formula}: QPS_max, Lag and the saturation ratio for one batch size and batch time. */
@Command(
    name = "formula",
    mixinStandardHelpOptions = true,
    description = {
      "Print QPS_max, the saturation lag ratio and, with --qps, Lag for one batch size.",
      "  QPS_max(b) = (1000 / T) x b                most QPS one replica serves",
      "  Lag(b, q)  = T + (1000 / q) x (b - 1) / 2  mean lag at q QPS, in ms",
      "  Lag / T    = 1 + (b - 1) / (2b)            at saturation (q = QPS_max)",
      "Above QPS_max the replica is saturated: its queue grows without bound and",
      "Lag is not defined.",
      "Example: ./tbms tune formula --batch-size 4 --batch-time-ms 20 --qps 200"
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:computed", "2:bad input (b < 1, T <= 0, q <= 0)"})
public final class TuneFormulaCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--batch-size", paramLabel = "B", required = true, description = "The batch size b, at least 1.")
  int batchSize;

  @Option(names = "--batch-time-ms", paramLabel = "T", required = true,
      description = "The time one batch of B takes, T(b), in ms; positive.")
  double batchTimeMillis;

  @Option(names = "--qps", paramLabel = "Q", description = "Queries per second arriving at the replica; positive. Adds Lag.")
  Double qps;

  @Option(names = "--json", description = "Print one JSON object instead.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (batchSize < 1) {
      err.println("tune formula: --batch-size must be >= 1, was " + batchSize);
      return 2;
    }
    if (!(batchTimeMillis > 0) || !Double.isFinite(batchTimeMillis)) {
      err.println("tune formula: --batch-time-ms must be a positive number of ms, was " + batchTimeMillis);
      return 2;
    }
    if (qps != null && (!(qps > 0) || !Double.isFinite(qps))) {
      err.println("tune formula: --qps must be a positive number of queries per second, was " + qps);
      return 2;
    }
    double qpsMax = BatchFormulas.qpsMax(batchSize, batchTimeMillis);
    double ratio = BatchFormulas.saturationLagRatio(batchSize);
    boolean saturated = qps != null && BatchFormulas.saturated(batchSize, batchTimeMillis, qps);
    if (json) {
      JsonObject result = new JsonObject().put("batch_size", batchSize).put("batch_time_ms", batchTimeMillis)
          .put("qps_max", qpsMax).put("saturation_lag_ratio", ratio);
      if (qps != null) {
        result.put("qps", qps).put("occupancy", qps / qpsMax).put("saturated", saturated);
        if (saturated) {
          result.putNull("lag_ms").put("note", "q > QPS_max: the queue grows without bound, Lag is not defined");
        } else {
          result.put("lag_ms", BatchFormulas.lagMillis(batchSize, batchTimeMillis, qps));
        }
      }
      out.println(result.encode());
      return 0;
    }
    out.printf(Locale.ROOT, "b = %d, T(b) = %s ms%n", batchSize, number(batchTimeMillis));
    out.printf(Locale.ROOT, "  %-42s = %s QPS per replica%n", "QPS_max(b) = (1000 / T) x b", number(qpsMax));
    out.printf(Locale.ROOT, "  %-42s = %s (Lag %s ms at q = QPS_max)%n",
        "Lag / T at saturation = 1 + (b - 1) / (2b)", number(ratio), number(ratio * batchTimeMillis));
    if (qps != null) {
      if (saturated) {
        out.printf(Locale.ROOT, "  Lag(b, q) at q = %s QPS: not defined, saturated: q exceeds QPS_max (%s),"
            + " the queue grows without bound%n", number(qps), number(qpsMax));
      } else {
        out.printf(Locale.ROOT, "  %-42s = %s ms at q = %s QPS (%.0f%% of QPS_max)%n",
            "Lag(b, q) = T + (1000 / q) x (b - 1) / 2", number(BatchFormulas.lagMillis(batchSize, batchTimeMillis, qps)), number(qps), 100 * qps / qpsMax);
      }
    }
    out.flush();
    return 0;
  }

  /** Up to three decimals, trailing zeros dropped: 500, 27.5, 1.45, 363.636. */
  static String number(double value) {
    String s = String.format(Locale.ROOT, "%.3f", value);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
