package io.tbms.broker.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.downgrade.SkipReason;
import io.tbms.broker.schedule.ChainEntry;
import io.tbms.common.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryRunTest {

  private static final long MS = 1_000_000L;
  /** The seed's chain with the latencies the broker has observed of the reference models. */
  private static final List<ChainEntry> CHAIN = List.of(
      ChainEntry.ofMillis("embedding", 35), ChainEntry.ofMillis("svm", 2),
      ChainEntry.ofMillis("bayes", 1), ChainEntry.ofMillis("keyword", 0.5));
  /** The seed's chain with the caller's estimates, before the broker has seen the models. */
  private static final List<ChainEntry> ESTIMATES = List.of(
      ChainEntry.ofMillis("embedding", 35), ChainEntry.ofMillis("svm", 25),
      ChainEntry.ofMillis("bayes", 15), ChainEntry.ofMillis("keyword", 5));

  private final ManualClock clock = new ManualClock();

  private QueryRun<String> run(Policy policy, EntryGate gate) {
    return new QueryRun<>(CHAIN, Duration.ofMillis(50), Duration.ofMillis(1), policy, gate, clock.nanoTime());
  }

  private static final EntryGate FIRE_ALL = (i, left) -> Optional.empty();

  private static List<Integer> fired(List<QueryAction<String>> actions) {
    return actions.stream().filter(a -> a instanceof QueryAction.Fire).map(a -> ((QueryAction.Fire<String>) a).index()).toList();
  }

  private static QueryResult<String> finish(List<QueryAction<String>> actions) {
    return actions.stream().filter(a -> a instanceof QueryAction.Finish)
        .map(a -> ((QueryAction.Finish<String>) a).result()).findFirst().orElseThrow();
  }

  @Test
  void firesTheFirstEntryAtOnceAndWakesForTheBackup() {
    List<QueryAction<String>> actions = run(Policy.FIRST, FIRE_ALL).start(clock.nanoTime());
    assertThat(fired(actions)).containsExactly(0);
    assertThat(actions).contains(new QueryAction.WakeAt<>(35 * MS));
  }

  @Test
  void firesBackupWhenPrimaryRunsPastItsEstimate() {
    QueryRun<String> run = run(Policy.FIRST, FIRE_ALL);
    run.start(clock.nanoTime());
    clock.advanceMillis(35);
    List<QueryAction<String>> actions = run.onWake(clock.nanoTime());
    assertThat(fired(actions)).containsExactly(1);
    clock.advanceMillis(5);
    QueryResult<String> result = finish(run.onAnswer(1, "balance", clock.nanoTime()));
    assertThat(result.answer()).contains("balance");
    assertThat(result.rank()).isEqualTo(1);
    assertThat(result.downgraded()).isTrue();
    assertThat(result.trace()).extracting(QueryResult.TraceEntry::outcome)
        .containsExactly(Outcome.CANCELLED, Outcome.ANSWERED, Outcome.NOT_FIRED, Outcome.NOT_FIRED);
  }

  @Test
  void returnsEmptyAtDeadlineWhenNothingAnswered() {
    QueryRun<String> run = run(Policy.FIRST, FIRE_ALL);
    run.start(clock.nanoTime());
    clock.advanceMillis(35);
    run.onWake(clock.nanoTime());
    clock.advanceMillis(14); // 49 ms: budget 50 − margin 1
    QueryResult<String> result = finish(run.onWake(clock.nanoTime()));
    assertThat(result.answered()).isFalse();
    assertThat(result.elapsedNanos()).isEqualTo(49 * MS);
    assertThat(result.trace()).extracting(QueryResult.TraceEntry::outcome)
        .containsExactly(Outcome.LATE, Outcome.LATE, Outcome.NOT_FIRED, Outcome.NOT_FIRED);
  }

  @Test
  void skipsAnEntryWhoseLagDoesNotFitAndFiresTheNextAtOnce() {
    EntryGate gate = (i, left) -> i == 0 ? Optional.of(SkipReason.LAG) : Optional.empty();
    QueryRun<String> run = run(Policy.FIRST, gate);
    List<QueryAction<String>> actions = run.start(clock.nanoTime());
    assertThat(fired(actions)).containsExactly(1);
    QueryResult<String> result = finish(run.onAnswer(1, "timer", clock.nanoTime() + 2 * MS));
    assertThat(result.trace().get(0).outcome()).isEqualTo(Outcome.SKIPPED_LAG);
    assertThat(result.trace().get(0).doneNanos()).as("nothing arrives from a skipped entry").isEqualTo(-1);
  }

  @Test
  void aBackupFiresByItsLatestUsefulStartWhenTheEstimatesExceedTheBudget() {
    QueryRun<String> run = new QueryRun<>(ESTIMATES, Duration.ofMillis(50), Duration.ofMillis(1), Policy.FIRST, FIRE_ALL,
        clock.nanoTime());
    // deadline 49 ms, less 1 ms to send the call and take its answer
    assertThat(run.start(clock.nanoTime())).contains(new QueryAction.WakeAt<>(23 * MS)); // 48 − 25, not 35
    clock.advanceMillis(23);
    assertThat(fired(run.onWake(clock.nanoTime()))).containsExactly(1);
    clock.advanceMillis(10);
    assertThat(fired(run.onWake(clock.nanoTime()))).as("bayes by 48 − 15").containsExactly(2);
    clock.advanceMillis(10);
    assertThat(fired(run.onWake(clock.nanoTime()))).as("keyword by 48 − 5").containsExactly(3);
  }

  @Test
  void theIssuesIdleTraceNowAnswers() {
    // budget 40: embedding late, svm fired with too little time and skipped for lag; before,
    // bayes and keyword were never fired and the answer was EMPTY
    EntryGate gate = (i, left) -> i == 1 ? Optional.of(SkipReason.LAG) : Optional.empty();
    QueryRun<String> run = new QueryRun<>(CHAIN, Duration.ofMillis(40), Duration.ofMillis(1), Policy.FIRST, gate,
        clock.nanoTime());
    run.start(clock.nanoTime());
    clock.advanceMillis(35);
    assertThat(fired(run.onWake(clock.nanoTime()))).as("svm skipped, bayes at once").containsExactly(2);
    clock.advanceMillis(1);
    QueryResult<String> result = finish(run.onAnswer(2, "alarm", clock.nanoTime()));
    assertThat(result.answer()).contains("alarm");
    assertThat(result.trace()).extracting(QueryResult.TraceEntry::outcome)
        .containsExactly(Outcome.CANCELLED, Outcome.SKIPPED_LAG, Outcome.ANSWERED, Outcome.NOT_FIRED);
  }

  @Test
  void anErrorFiresTheBackupAtOnce() {
    QueryRun<String> run = run(Policy.FIRST, FIRE_ALL);
    run.start(clock.nanoTime());
    clock.advanceMillis(3);
    assertThat(fired(run.onError(0, clock.nanoTime()))).containsExactly(1);
  }

  @Test
  void policyBestHoldsALowerRankedAnswerUntilTheBetterOneArrives() {
    QueryRun<String> run = run(Policy.BEST, FIRE_ALL);
    run.start(clock.nanoTime());
    clock.advanceMillis(35);
    run.onWake(clock.nanoTime());
    clock.advanceMillis(2);
    List<QueryAction<String>> held = run.onAnswer(1, "svm-answer", clock.nanoTime());
    assertThat(held).noneMatch(a -> a instanceof QueryAction.Finish);
    clock.advanceMillis(3);
    QueryResult<String> result = finish(run.onAnswer(0, "embedding-answer", clock.nanoTime()));
    assertThat(result.answer()).contains("embedding-answer");
    assertThat(result.downgraded()).isFalse();
  }

  @Test
  void policyBestReturnsTheHeldAnswerWhenTheBetterModelFails() {
    QueryRun<String> run = run(Policy.BEST, FIRE_ALL);
    run.start(clock.nanoTime());
    clock.advanceMillis(35);
    run.onWake(clock.nanoTime());
    run.onAnswer(1, "svm-answer", clock.nanoTime());
    QueryResult<String> result = finish(run.onError(0, clock.nanoTime()));
    assertThat(result.answer()).contains("svm-answer");
  }

  @Test
  void endsAtOnceWhenEveryEntryWasSkipped() {
    QueryRun<String> run = run(Policy.FIRST, (i, left) -> Optional.of(SkipReason.CIRCUIT));
    QueryResult<String> result = finish(run.start(clock.nanoTime()));
    assertThat(result.answered()).isFalse();
    assertThat(result.trace()).extracting(QueryResult.TraceEntry::outcome).containsOnly(Outcome.SKIPPED_CIRCUIT);
  }

  @Test
  void ignoresEventsAfterItFinished() {
    QueryRun<String> run = run(Policy.FIRST, FIRE_ALL);
    run.start(clock.nanoTime());
    finish(run.onAnswer(0, "a", clock.nanoTime()));
    assertThat(run.onAnswer(0, "b", clock.nanoTime())).isEmpty();
    assertThat(run.onWake(clock.nanoTime() + 100 * MS)).isEmpty();
  }
}
