package io.tbms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.common.time.ManualClock;
import org.junit.jupiter.api.Test;

class FireAllRaceTest {

  private final ManualClock clock = new ManualClock();
  private final FireAllRace race = new FireAllRace(4, clock.nanoTime() + 50_000_000L);

  private static Answer answer(int rank) {
    return new Answer(Chains.FULL.get(rank).name(), rank, "label" + rank);
  }

  @Test
  void answersAtOnceWhenTheBestModelAnswers() {
    clock.advanceMillis(30);
    assertThat(race.onAnswer(answer(0), clock.nanoTime())).contains(QueryOutcome.answered(answer(0)));
  }

  @Test
  void holdsALowerAnswerWhileABetterModelMayStillAnswer() {
    clock.advanceMillis(5);
    assertThat(race.onAnswer(answer(3), clock.nanoTime())).isEmpty();
    clock.advanceMillis(10);
    assertThat(race.onAnswer(answer(1), clock.nanoTime())).isEmpty();
    assertThat(race.finished()).isFalse();
  }

  @Test
  void returnsTheBestAnswerReceivedAtTheDeadline() {
    race.onAnswer(answer(3), clock.nanoTime());
    race.onAnswer(answer(2), clock.nanoTime());
    clock.advanceMillis(49);
    assertThat(race.onTime(clock.nanoTime())).isEmpty();
    clock.advanceMillis(1);
    assertThat(race.onTime(clock.nanoTime())).contains(QueryOutcome.answered(answer(2)));
  }

  @Test
  void answersWithTheNextModelWhenAllBetterOnesFailed() {
    race.onAnswer(answer(2), clock.nanoTime());
    race.onFailure(0, clock.nanoTime());
    assertThat(race.result()).isEmpty();
    assertThat(race.onFailure(1, clock.nanoTime())).contains(QueryOutcome.answered(answer(2)));
  }

  @Test
  void returnsEmptyAtDeadlineWhenNothingAnswered() {
    clock.advanceMillis(50);
    assertThat(race.onTime(clock.nanoTime())).contains(QueryOutcome.empty());
  }

  @Test
  void returnsEmptyAsSoonAsEveryModelFailed() {
    for (int rank = 0; rank < 4; rank++) {
      race.onFailure(rank, clock.nanoTime());
    }
    assertThat(race.result()).contains(QueryOutcome.empty());
  }

  @Test
  void ignoresAnswersArrivingAfterTheDeadline() {
    race.onAnswer(answer(3), clock.nanoTime());
    clock.advanceMillis(51);
    assertThat(race.onAnswer(answer(0), clock.nanoTime())).contains(QueryOutcome.answered(answer(3)));
  }

  @Test
  void aFinishedRaceDoesNotChange() {
    race.onAnswer(answer(0), clock.nanoTime());
    race.onFailure(0, clock.nanoTime());
    assertThat(race.result()).contains(QueryOutcome.answered(answer(0)));
  }
}
