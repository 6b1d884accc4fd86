package io.tbms.dist;

import io.tbms.bench.BenchCommand;
import io.tbms.faqbot.FaqBotCommand;
import io.tbms.zoo.cli.ModelsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tbms} command: one entry point for every TBMS component. */
@Command(
    name = "tbms",
    mixinStandardHelpOptions = true,
    versionProvider = Tbms.Version.class,
    description = "TBMS, the latency-budget inference broker.",
    subcommands = {DemoCommand.class, BrokerCommand.class, TryCommand.class, ModelsCommand.class, BenchCommand.class,
        FaqBotCommand.class, ResourcesCommand.class, TuneCommand.class, CommandLine.HelpCommand.class})
public final class Tbms implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Tbms()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Tbms.class.getPackage().getImplementationVersion();
      return new String[] {"tbms " + (version == null ? "development build" : version)};
    }
  }
}
