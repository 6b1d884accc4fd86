package io.tbms.dist;

import io.tbms.tuner.BatchConfiguration;
import io.tbms.tuner.BatchProfile;
import io.tbms.tuner.LinearFit;
import io.tbms.tuner.NeedsMoreDevices;
import io.tbms.tuner.Recommendation;
import io.tbms.tuner.Recommended;
import io.tbms.tuner.Recommender;
import io.tbms.tuner.TunerConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tbms tune recommend}: the batch size and replica count for a model, from a profile file. */
@Command(
    name = "recommend",
    mixinStandardHelpOptions = true,
    description = {
      "Choose a model's batch size and replica count from a profile file.",
      "The choice keeps the mean lag within the target while each replica gets at",
      "most HEADROOM of its QPS_max, on the fewest devices (one replica each), then",
      "at the lowest lag. When the devices available are not enough, it says how",
      "many more would, and at what occupancy. T(b) is the measured time where b was",
      "measured, else the least-squares line base + per_item x b through the points.",
      "The profile file (est_ms and qps optional, the defaults of --lag-target-ms",
      "and --qps):",
      "  {\"model\": \"embedding\", \"est_ms\": 35, \"qps\": 300, \"points\": [",
      "    {\"batch_size\": 1, \"batch_time_ms\": 7.0},",
      "    {\"batch_size\": 8, \"batch_time_ms\": 21.0}]}"
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:a configuration fits on the devices available",
      "1:the profile file cannot be read",
      "2:bad input (options or profile file)",
      "3:it needs more devices, or no number of devices meets the lag target"})
public final class TuneRecommendCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--profile", paramLabel = "FILE", required = true, description = "The profile JSON file.")
  Path profileFile;

  @Option(names = "--qps", paramLabel = "Q", description = "The model's observed QPS in all (default: the file's qps).")
  Double qps;

  @Option(names = "--lag-target-ms", paramLabel = "L",
      description = "The mean lag to stay within, in ms (default: the file's est_ms,"
          + " the model's estimate as callers send it).")
  Double lagTargetMillis;

  @Option(names = "--max-replicas", paramLabel = "N", description = "The devices available, one replica each (default: ${DEFAULT-VALUE}).")
  int maxReplicas = TunerConfig.DEFAULT_MAX_REPLICAS;

  @Option(names = "--headroom", paramLabel = "H",
      description = "The most of QPS_max a replica may be offered, in (0, 1] (default: ${DEFAULT-VALUE}).")
  double headroom = TunerConfig.DEFAULT_HEADROOM;

  @Option(names = "--max-batch-size", paramLabel = "B", description = "The largest batch size to consider (default: the largest measured).")
  Integer maxBatchSize;

  @Option(names = "--json", description = "Print one JSON object instead.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String text;
    try {
      text = Files.readString(profileFile);
    } catch (IOException e) {
      err.println("tune recommend: cannot read --profile " + profileFile + ": " + e);
      return 1;
    }
    ProfileFile file;
    try {
      file = ProfileFile.parse(text);
    } catch (IllegalArgumentException e) {
      err.println("tune recommend: " + profileFile + ": " + e.getMessage());
      return 2;
    }
    Double q = qps != null ? qps : file.qps();
    Double target = lagTargetMillis != null ? lagTargetMillis : file.estMillis();
    if (q == null) {
      err.println("tune recommend: no traffic: give --qps, or qps in " + profileFile);
      return 2;
    }
    if (target == null) {
      err.println("tune recommend: no lag target: give --lag-target-ms, or est_ms (the model's estimate) in " + profileFile);
      return 2;
    }
    if (!(q > 0) || !Double.isFinite(q)) {
      err.println("tune recommend: --qps must be a positive number of queries per second, was " + q);
      return 2;
    }
    if (!(target > 0) || !Double.isFinite(target)) {
      err.println("tune recommend: --lag-target-ms must be a positive number of ms, was " + target);
      return 2;
    }
    BatchProfile profile = file.profile();
    TunerConfig config;
    try {
      config = new TunerConfig(headroom, maxReplicas, maxBatchSize != null ? maxBatchSize : profile.largestMeasuredBatchSize());
    } catch (IllegalArgumentException e) {
      err.println("tune recommend: " + e.getMessage().replace("headroom", "--headroom")
          .replace("maxReplicas", "--max-replicas").replace("maxBatchSize", "--max-batch-size"));
      return 2;
    }
    Recommendation recommendation = new Recommender(config).recommend(profile, q, target);
    if (json) {
      out.println(toJson(recommendation, profile, config, q).encode());
    } else {
      print(recommendation, profile, config, q, lagTargetMillis == null, out);
    }
    out.flush();
    return recommendation instanceof Recommended ? 0 : 3;
  }

  static JsonObject toJson(Recommendation r, BatchProfile profile, TunerConfig config, double qps) {
    LinearFit fit = profile.fit();
    JsonObject json = new JsonObject().put("model", r.model()).put("outcome", outcome(r))
        .put("explanation", r.explanation()).put("qps", qps).put("lag_target_ms", r.lagTargetMillis())
        .put("headroom", config.headroom()).put("max_replicas", config.maxReplicas())
        .put("max_batch_size", config.maxBatchSize()).put("measured_points", r.measuredPoints())
        .put("fit", new JsonObject().put("base_ms", fit.baseMillis()).put("per_item_ms", fit.perItemMillis()));
    BatchConfiguration c = r instanceof Recommended ok ? ok.configuration()
        : r instanceof NeedsMoreDevices more ? more.configuration() : null;
    if (c != null) {
      json.put("batch_size", c.batchSize()).put("replicas", c.replicas()).put("batch_time_ms", c.batchTimeMillis())
          .put("batch_time_measured", c.batchTimeMeasured()).put("qps_max", c.qpsMax())
          .put("qps_per_replica", c.qpsPerReplica()).put("occupancy", c.occupancy()).put("lag_ms", c.lagMillis());
    }
    if (r instanceof NeedsMoreDevices more) {
      json.put("more_devices", more.moreDevices());
    }
    return json;
  }

  private static String outcome(Recommendation r) {
    return r instanceof Recommended ? "recommended" : r instanceof NeedsMoreDevices ? "needs_more_devices" : "unreachable";
  }

  private static void print(Recommendation r, BatchProfile profile, TunerConfig config, double qps,
      boolean targetFromFile, PrintWriter out) {
    LinearFit fit = profile.fit();
    out.printf(Locale.ROOT, "%s: %s%n", r.model(), r.explanation());
    out.printf(Locale.ROOT, "  profile: %d measured (b = %s), fit T(b) = %.2f + %.3f x b ms%n", profile.points().size(),
        profile.points().stream().map(p -> Integer.toString(p.batchSize())).collect(Collectors.joining(", ")),
        fit.baseMillis(), fit.perItemMillis());
    out.printf(Locale.ROOT, "  goal: %s QPS, lag <= %s ms%s, q per replica <= %.0f%% of QPS_max, up to %d replica%s, b up to %d%n",
        TuneFormulaCommand.number(qps), TuneFormulaCommand.number(r.lagTargetMillis()),
        targetFromFile ? " (the model's est_ms)" : "", config.headroom() * 100, config.maxReplicas(),
        config.maxReplicas() == 1 ? "" : "s", config.maxBatchSize());
  }
}
