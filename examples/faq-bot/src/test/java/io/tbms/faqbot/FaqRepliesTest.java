package io.tbms.faqbot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.client.Answer;
import io.tbms.client.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaqRepliesTest {

  private final FaqReplies replies = new FaqReplies(Map.of("balance", "It is on the home screen."));

  @Test
  void anEntryForTheIntentIsTheReply() {
    assertThat(replies.replyTo(answered("balance", ""))).contains("It is on the home screen.");
  }

  @Test
  void theModelsOwnTextWinsOverTheEntry() {
    assertThat(replies.replyTo(answered("balance", "You have 12 euros."))).contains("You have 12 euros.");
  }

  @Test
  void anIntentWithoutAnEntryIsNamed() {
    assertThat(replies.replyTo(answered("pin_change", ""))).contains(
        "I understood this as \"pin change\", but have no FAQ entry for it yet.");
  }

  @Test
  void emptyAndOutOfScopeGoToAPerson() {
    assertThat(replies.replyTo(answered(FaqReplies.OUT_OF_SCOPE, ""))).isEmpty();
    assertThat(replies.replyTo(new Answer(Status.EMPTY, "", 0, "", "", 0, false, 50.0, List.of()))).isEmpty();
  }

  @Test
  void theBundledFaqLoads() {
    assertThat(FaqReplies.bundled().replyTo(answered("pin_change", ""))).hasValueSatisfying(
        reply -> assertThat(reply).startsWith("To change your PIN"));
  }

  private static Answer answered(String label, String text) {
    return new Answer(Status.ANSWERED, label, 0.9, text, "svm", 1, true, 20.0, List.of());
  }
}
