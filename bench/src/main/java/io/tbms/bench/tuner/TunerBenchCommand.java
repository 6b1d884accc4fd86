package io.tbms.bench.tuner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tbms bench tuner}: the config tuner's choices against an exhaustive sweep over a seeded grid
 * of models, devices, traffic and lag targets, with how many batch times each measured. No network,
 * no clock: the batch times are formulas and measured points, so a run takes seconds and gives the
 * same numbers every time. See {@link TunerGrid} for the grid and {@link CaseResult} for the gaps.
 */
@Command(
    name = "tuner",
    mixinStandardHelpOptions = true,
    description = {
      "The config tuner against exhaustive search, offline.",
      "For every model shape T(b), largest batch size, device count, QPS and lag",
      "target of the grid it runs the recommender (it measures T(b) at b = 1, 2, 4,",
      "..., max, then only where the choice could change) and a sweep of every (b, r).",
      "It compares the outcome kind, devices r, capacity QPS_max(b) x r and lag; a",
      "case's gap is the largest of the three differences, in %%. The tuner's",
      "measurements are counted against both sweeps: every batch size (maxBatch",
      "measurements of T(b)) and every configuration a Model-Analyzer-style sweep",
      "runs on the devices (maxBatch x devices).",
      "Shapes: T(b) = base + k x b^p for base 1, 5, 20 ms, k 0.1, 1, 5 ms and p 0.5,",
      "0.8, 1, 1.3, 1.7; the embedding model's measured points; padding steps, a knee",
      "and a spill; and --sampled-shapes more drawn from --seed.",
      "Lag targets are multiples of each shape's batch of one, T(1)."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:the grid ran", "2:bad input"})
public final class TunerBenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--seed", paramLabel = "N", description = "Seeds the sampled shapes and the noise (default: ${DEFAULT-VALUE}).")
  long seed = TunerBenchConfig.DEFAULT_SEED;

  @Option(names = "--sampled-shapes", paramLabel = "N",
      description = "Shapes base + k x b^p drawn from the seed, besides the fixed ones (default: ${DEFAULT-VALUE}).")
  int sampledShapes = TunerBenchConfig.DEFAULT_SAMPLED_SHAPES;

  @Option(names = "--max-batch-sizes", split = ",", paramLabel = "B",
      description = "Largest batch sizes (default: 16,32,64,128).")
  List<Integer> maxBatchSizes = TunerBenchConfig.DEFAULT_MAX_BATCH_SIZES;

  @Option(names = "--max-replicas", split = ",", paramLabel = "N",
      description = "Devices available, one replica each (default: 1,2,4,8).")
  List<Integer> maxReplicas = TunerBenchConfig.DEFAULT_MAX_REPLICAS;

  @Option(names = "--qps", split = ",", paramLabel = "Q", description = "Total QPS (default: 5,50,200,1000,5000).")
  List<Double> qps = TunerBenchConfig.DEFAULT_QPS;

  @Option(names = "--lag-targets", split = ",", paramLabel = "X",
      description = "Lag targets as multiples of T(1); below 1 none is reachable (default: 0.9,1.25,2,4,8).")
  List<Double> lagTargets = TunerBenchConfig.DEFAULT_LAG_TARGETS;

  @Option(names = "--headroom", paramLabel = "H",
      description = "The most of QPS_max a replica may be offered, in (0, 1] (default: ${DEFAULT-VALUE}).")
  double headroom = TunerBenchConfig.DEFAULT_HEADROOM;

  @Option(names = "--noise", paramLabel = "PCT",
      description = "Seeded measurement noise on every T(b), +-PCT %%; T(b) may then fall as b grows, which "
          + "the tuner assumes it does not (default: 0).")
  double noisePercent;

  @Option(names = "--gap-tolerance", paramLabel = "PCT",
      description = "A gap counts as close when at most this, in %% (default: ${DEFAULT-VALUE}).")
  double gapTolerancePercent = TunerBenchConfig.DEFAULT_GAP_TOLERANCE_PERCENT;

  @Option(names = "--measurement-target", paramLabel = "PCT",
      description = "The share of a sweep's measurements to count cases within, in %% (default: ${DEFAULT-VALUE}).")
  double measurementTargetPercent = TunerBenchConfig.DEFAULT_MEASUREMENT_TARGET_PERCENT;

  @Option(names = "--worst", paramLabel = "N",
      description = "List the N cases with the largest gap, then the most measurements (default: ${DEFAULT-VALUE}).")
  int worst = 5;

  @Option(names = "--json", description = "Print one JSON object instead.")
  boolean json;

  public static void main(String[] args) {
    System.exit(new CommandLine(new TunerBenchCommand()).execute(args));
  }

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    TunerBenchConfig config;
    try {
      config = config();
      if (worst < 0) {
        throw new IllegalArgumentException("--worst must be >= 0, was " + worst);
      }
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("bench tuner: " + e.getMessage());
      return 2;
    }
    TunerBenchReport report = TunerBenchReport.run(config);
    if (json) {
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report.toJson(worst)));
    } else {
      out.print(TunerBenchText.render(report, worst));
    }
    out.flush();
    return 0;
  }

  TunerBenchConfig config() {
    return new TunerBenchConfig(seed, sampledShapes, maxBatchSizes, maxReplicas, qps, lagTargets, headroom,
        noisePercent, gapTolerancePercent, measurementTargetPercent);
  }
}
