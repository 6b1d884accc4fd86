package io.tbms.faqbot;

import io.tbms.client.Answer;
import io.tbms.client.ModelChain;
import io.tbms.client.TbmsClient;
import io.tbms.client.TbmsException;
import io.tbms.client.TryOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The bot's loop: one question per line in, one line out: the reply and which model answered,
 * or {@code human assist} when TBMS returned no answer within the budget, the intent is out of
 * scope, or the broker refused. Owns nothing: the caller closes the client and the streams.
 */
public final class FaqBot {

  /** What the bot prints when a person has to take over. */
  public static final String HUMAN_ASSIST = "human assist";
  private static final Duration WARM_UP_BUDGET = Duration.ofSeconds(2);

  private final TbmsClient client;
  private final ModelChain chain;
  private final TryOptions options;
  private final FaqReplies replies;

  public FaqBot(TbmsClient client, ModelChain chain, TryOptions options, FaqReplies replies) {
    this.client = client;
    this.chain = chain;
    this.options = options;
    this.replies = replies;
  }

  /**
   * Opens the connection and loads the client's code paths with one question at a generous
   * budget, so that the first real question is not spent on them; a refusal is reported on
   * {@code err} (wrong keys show before the first question).
   */
  public void warmUp(PrintStream err) {
    try {
      client.tryModelsBlocking("hello", chain, TryOptions.budget(WARM_UP_BUDGET));
    } catch (TbmsException e) {
      err.println("tbms: " + e.getMessage());
    }
  }

  /** Answers every non-blank line of {@code in} on {@code out} until the end of input. */
  public void run(BufferedReader in, PrintStream out, PrintStream err) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (!line.isBlank()) {
        out.println(respond(line.strip(), err));
        out.flush();
      }
    }
  }

  /** The bot's line for one question; a refusal is reported on {@code err} and handed to a person. */
  public String respond(String question, PrintStream err) {
    Answer answer;
    try {
      answer = client.tryModelsBlocking(question, chain, options);
    } catch (TbmsException e) {
      err.println("tbms: " + e.getMessage());
      return HUMAN_ASSIST;
    }
    Optional<String> reply = replies.replyTo(answer);
    return reply.map(text -> text + "  [" + provenance(answer) + "]").orElse(HUMAN_ASSIST);
  }

  private static String provenance(Answer answer) {
    return String.format(Locale.ROOT, "%s, rank %d%s, %.1f ms", answer.model(), answer.rank(),
        answer.downgraded() ? ", downgraded" : "", answer.elapsedMs());
  }
}
