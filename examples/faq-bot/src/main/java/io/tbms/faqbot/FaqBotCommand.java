package io.tbms.faqbot;

import static io.tbms.client.ModelChain.model;

import io.tbms.client.Model;
import io.tbms.client.ModelChain;
import io.tbms.client.TbmsClient;
import io.tbms.client.TryOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tbms faq-bot}: the console FAQ bot. */
@Command(
    name = "faq-bot",
    mixinStandardHelpOptions = true,
    description = {
      "A console FAQ bot on the TBMS Java SDK: reads one question per line from standard input and",
      "prints the reply and the model that answered, or 'human assist'.",
      "Example: echo 'how do i reset my pin' | ./tbms faq-bot    (with ./tbms demo running)"
    })
public final class FaqBotCommand implements Callable<Integer> {

  @Option(names = "--endpoint", paramLabel = "HOST:PORT",
      description = "The broker (default: TBMS_ENDPOINT, else ${DEFAULT-VALUE}).")
  String endpoint = env("TBMS_ENDPOINT", "localhost:8080");

  @Option(names = "--access-id", description = "Default: TBMS_ACCESS_ID, else the demo's (${DEFAULT-VALUE}).")
  String accessId = env("TBMS_ACCESS_ID", "demo");

  @Option(names = "--access-key", description = "Default: TBMS_ACCESS_KEY, else the demo's public key.")
  String accessKey = env("TBMS_ACCESS_KEY", "demo-secret-key");

  @Option(names = "--instance", description = "Default: TBMS_INSTANCE, else ${DEFAULT-VALUE}.")
  String instance = env("TBMS_INSTANCE", "demo");

  @Option(names = "--budget", paramLabel = "MS", description = "The time budget per question in ms (default: ${DEFAULT-VALUE}).")
  int budgetMs = 50;

  @Option(names = "--models", paramLabel = "NAME:EST_MS,...",
      description = "The chain, best first (default: ${DEFAULT-VALUE}).")
  String models = "embedding:35,svm:25,bayes:15,keyword:5";

  @Override
  public Integer call() throws Exception {
    ModelChain chain = parseChain(models);
    try (TbmsClient client = TbmsClient.builder().endpoint(endpoint).accessId(accessId).accessKey(accessKey)
        .instance(instance).build()) {
      FaqBot bot = new FaqBot(client, chain, TryOptions.budget(Duration.ofMillis(budgetMs)).withTask("faq-bot"),
          FaqReplies.bundled());
      bot.warmUp(System.err);
      bot.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out, System.err);
    }
    return 0;
  }

  /** {@code embedding:35,svm:25} → the chain; a missing or bad estimate is a usage error naming the entry. */
  static ModelChain parseChain(String spec) {
    List<Model> chain = new ArrayList<>();
    for (String entry : spec.split(",")) {
      String[] parts = entry.strip().split(":");
      if (parts.length != 2 || parts[0].isBlank()) {
        throw new IllegalArgumentException("--models: expected NAME:EST_MS, was '" + entry.strip() + "'");
      }
      try {
        chain.add(model(parts[0].strip(), Double.parseDouble(parts[1].strip())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--models: the estimate of " + parts[0].strip() + " is not a number: " + parts[1]);
      }
    }
    return ModelChain.of(chain);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new FaqBotCommand()).execute(args));
  }
}
