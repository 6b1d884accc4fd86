package io.tbms.faqbot;

import io.tbms.client.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the bot says for an answer: the answer's own text when the model gave one, else the FAQ
 * entry for its intent, else a line naming the intent. An empty answer, or one whose intent is
 * out of scope, has no reply: a person takes over ("human assist"). Immutable, thread-safe.
 */
public final class FaqReplies {

  /** CLINC150's label for an utterance outside every known intent. */
  public static final String OUT_OF_SCOPE = "oos";

  private final Map<String, String> entries;

  public FaqReplies(Map<String, String> entries) {
    this.entries = Map.copyOf(entries);
  }

  /** The FAQ entries shipped with the example ({@code replies.properties}, intent = reply). */
  public static FaqReplies bundled() {
    Properties properties = new Properties();
    try (InputStream in = FaqReplies.class.getResourceAsStream("replies.properties")) {
      if (in == null) {
        throw new IllegalStateException("replies.properties is missing from the classpath");
      }
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FaqReplies(Map.copyOf((Map<String, String>) (Map<?, ?>) properties));
  }

  /** The reply for {@code answer}, or empty when a person should take over. */
  public Optional<String> replyTo(Answer answer) {
    if (answer.isEmpty() || answer.label() == null || answer.label().isEmpty() || OUT_OF_SCOPE.equals(answer.label())) {
      return Optional.empty();
    }
    if (answer.text() != null && !answer.text().isBlank()) {
      return Optional.of(answer.text());
    }
    String entry = entries.get(answer.label());
    return Optional.of(entry != null ? entry : "I understood this as \"" + answer.label().replace('_', ' ')
        + "\", but have no FAQ entry for it yet.");
  }
}
