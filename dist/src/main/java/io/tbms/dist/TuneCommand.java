package io.tbms.dist;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tbms tune}: the batch formulas and the batch size and replica recommender. */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description = {
      "Batch size and replica tuning: the batching formulas, a model's batch times",
      "from its server's statistics, a recommender, and live apply.",
      "A full batch gives the best QPS, but waiting for it to fill adds lag when",
      "traffic is light:",
      "  QPS_max(b) = (1000 / T(b)) x b",
      "  Lag(b, q)  = T(b) + (1000 / q) x (b - 1) / 2",
      "profile reads T(b) from what the model has run (--probe: drives it at the sizes",
      "it has not; --store: keeps the profile in the cluster); recommend chooses;",
      "apply sets a batch size and queue delay live on every broker and model server;",
      "watch re-applies as each model's demand changes."
    },
    subcommands = {TuneFormulaCommand.class, TuneProfileCommand.class, TuneRecommendCommand.class,
        TuneApplyCommand.class, TuneWatchCommand.class})
public final class TuneCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
