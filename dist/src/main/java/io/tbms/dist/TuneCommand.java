package io.tbms.dist;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tbms tune}: the batch formulas and the batch size and replica recommender. */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description = {
      "Batch size and replica tuning: the batching formulas, and a recommender.",
      "A full batch gives the best QPS, but waiting for it to fill adds lag when",
      "traffic is light:",
      "  QPS_max(b) = (1000 / T(b)) x b",
      "  Lag(b, q)  = T(b) + (1000 / q) x (b - 1) / 2",
      "Not built yet, they come with live profiling: profile (measure T(b) from",
      "Triton's batch statistics), apply (set a broker's batch sizes live) and watch",
      "(recompute as the traffic changes). Until then recommend reads a profile file."
    },
    subcommands = {TuneFormulaCommand.class, TuneRecommendCommand.class})
public final class TuneCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
