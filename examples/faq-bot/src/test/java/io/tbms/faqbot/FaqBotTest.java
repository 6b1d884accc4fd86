package io.tbms.faqbot;

import static io.tbms.client.ModelChain.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.testing.Stack;
import io.tbms.client.ModelChain;
import io.tbms.client.Policy;
import io.tbms.client.TbmsClient;
import io.tbms.client.TryOptions;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bot against the real stack: the reference models behind a broker, over the Java SDK. */
class FaqBotTest {

  private static final ModelChain CHAIN =
      ModelChain.of(model("embedding", 35), model("svm", 25), model("bayes", 15), model("keyword", 5));

  private static Stack stack;
  private static TbmsClient client;

  @BeforeAll
  static void start() throws Exception {
    stack = Stack.start();
    client = TbmsClient.builder().endpoint("127.0.0.1:" + stack.broker.port())
        .accessId("demo").accessKey("demo-secret-key").instance("demo").build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void repliesFromTheFaqNamesTheModelAndHandsOverWhatItCannotAnswer() throws Exception {
    // a generous budget and policy best: the best model answers, whatever this machine's load
    FaqBot bot = new FaqBot(client, CHAIN, TryOptions.budget(Duration.ofSeconds(2)).withPolicy(Policy.BEST),
        FaqReplies.bundled());
    List<String> lines = run(bot, "how much money is in my checking account\n\n  set an alarm for 7 am\n");

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("Your balance is on the app's home screen").contains("[embedding, rank 0");
    assertThat(lines.get(1)).startsWith("I understood this as \"alarm\"").contains("[embedding, rank 0");
  }

  @Test
  void anEmptyAnswerIsHumanAssist() throws Exception {
    FaqBot bot = new FaqBot(client, CHAIN, TryOptions.budget(Duration.ofMillis(1)), FaqReplies.bundled());
    assertThat(run(bot, "how much money is in my checking account\n")).containsExactly(FaqBot.HUMAN_ASSIST);
  }

  @Test
  void aRefusalIsReportedAndHumanAssist() throws Exception {
    try (TbmsClient wrongKey = TbmsClient.builder().endpoint("127.0.0.1:" + stack.broker.port())
        .accessId("demo").accessKey("not-the-key").instance("demo").build()) {
      FaqBot bot = new FaqBot(wrongKey, CHAIN, TryOptions.budget(Duration.ofSeconds(2)), FaqReplies.bundled());
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
      bot.warmUp(errors); // wrong keys show before the first question
      assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("tbms: ").contains("signature");
      String line = bot.respond("how much money is in my checking account", errors);
      assertThat(line).isEqualTo(FaqBot.HUMAN_ASSIST);
      assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
    }
  }

  private static List<String> run(FaqBot bot, String input) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bot.run(new BufferedReader(new StringReader(input)), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
