package io.tbms.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tbms.client.Answer;
import io.tbms.client.Outcome;
import io.tbms.client.Status;
import io.tbms.client.UnavailableException;
import io.tbms.protocol.broker.v1.TraceEntry;
import io.tbms.protocol.broker.v1.TryResponse;
import org.junit.jupiter.api.Test;

class AnswersTest {

  @Test
  void decodesAnAnsweredResponseWithItsTrace() {
    TryResponse response = TryResponse.newBuilder().setStatus(TryResponse.Status.STATUS_ANSWERED)
        .setAnswer(io.tbms.protocol.broker.v1.Answer.newBuilder().setLabel("weather").setScore(0.99f).setText("Sunny"))
        .setModel("svm").setRank(1).setDowngraded(true).setElapsedMs(22)
        .addTrace(TraceEntry.newBuilder().setModel("embedding").setOutcome(TraceEntry.Outcome.OUTCOME_SKIPPED_LAG).setFiredMs(8))
        .addTrace(TraceEntry.newBuilder().setModel("svm").setOutcome(TraceEntry.Outcome.OUTCOME_ANSWERED).setFiredMs(8).setDoneMs(22))
        .build();
    Answer answer = Answers.decode(response.toByteArray());
    assertThat(answer.status()).isEqualTo(Status.ANSWERED);
    assertThat(answer.label()).isEqualTo("weather");
    assertThat(answer.score()).isEqualTo(0.99);
    assertThat(answer.text()).isEqualTo("Sunny");
    assertThat(answer.rank()).isEqualTo(1);
    assertThat(answer.downgraded()).isTrue();
    assertThat(answer.trace().get(0).outcome()).isEqualTo(Outcome.SKIPPED_LAG);
    assertThat(answer.trace().get(0).doneMs()).isEmpty();
    assertThat(answer.trace().get(1).doneMs()).hasValue(22);
    assertThat(answer).hasToString("ANSWERED weather (score 0.990) by svm, rank 1, downgraded, in 22.0 ms; "
        + "trace [embedding SKIPPED_LAG fired 8.0 ms, svm ANSWERED fired 8.0 ms done 22.0 ms]");
  }

  @Test
  void refusesWhatIsNotAnAnswer() {
    assertThatThrownBy(() -> Answers.decode(new byte[] {(byte) 0x0a, (byte) 0xff}))
        .isInstanceOf(UnavailableException.class).hasMessageStartingWith("malformed response");
    assertThatThrownBy(() -> Answers.decode(TryResponse.getDefaultInstance().toByteArray()))
        .isInstanceOf(UnavailableException.class).hasMessageContaining("unknown status");
  }
}
