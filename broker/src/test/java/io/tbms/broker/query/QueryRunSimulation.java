package io.tbms.broker.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.downgrade.SkipReason;
import io.tbms.broker.schedule.ChainEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Runs {@link QueryRun} against simulated models on simulated time and checks the broker's
 * invariants for thousands of random chains, budgets and model behaviours.
 */
class QueryRunSimulation {

  private static final long MS = 1_000_000L;

  /** How a simulated model behaves when called. */
  record Behaviour(int estMillis, int replyMillis, boolean fails, boolean silent, boolean skipped) {}

  private record Event(long at, int seq, int entry, boolean wake) implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      return at != o.at ? Long.compare(at, o.at) : Integer.compare(seq, o.seq);
    }
  }

  @Provide
  Arbitrary<List<Behaviour>> chains() {
    Arbitrary<Behaviour> behaviour = Combinators.combine(
            Arbitraries.integers().between(0, 40),
            Arbitraries.integers().between(0, 80),
            Arbitraries.of(true, false, false, false),
            Arbitraries.of(true, false, false, false),
            Arbitraries.of(true, false, false, false, false))
        .as(Behaviour::new);
    return behaviour.list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 2000)
  void everyQueryEndsExactlyOnceByItsDeadlineAndNeverCallsASkippedModel(
      @ForAll("chains") List<Behaviour> models,
      @ForAll @IntRange(min = 1, max = 120) int budgetMillis,
      @ForAll Policy policy) {
    List<ChainEntry> chain = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      chain.add(ChainEntry.ofMillis("m" + i, models.get(i).estMillis()));
    }
    EntryGate gate = (i, left) -> models.get(i).skipped() ? Optional.of(SkipReason.LAG) : Optional.empty();
    long t0 = 1_000 * MS;
    QueryRun<Integer> run = new QueryRun<>(chain, Duration.ofMillis(budgetMillis), Duration.ofMillis(1), policy, gate, t0);
    long deadline = run.deadlineNanos();

    PriorityQueue<Event> events = new PriorityQueue<>();
    int[] seq = {0};
    long[] wakeAt = {-1};
    Set<Integer> firedEntries = new HashSet<>();
    List<QueryResult<Integer>> finishes = new ArrayList<>();
    long[] finishedAt = {-1};
    long firstAnswerAt = Long.MAX_VALUE;

    List<QueryAction<Integer>> actions = run.start(t0);
    long now = t0;
    for (int step = 0; ; step++) {
      assertThat(step).as("the run keeps asking to be woken without ending").isLessThan(10_000);
      for (QueryAction<Integer> action : actions) {
        if (action instanceof QueryAction.Fire<Integer> fire) {
          assertThat(now).as("fired at or after the deadline").isLessThan(deadline);
          assertThat(models.get(fire.index()).skipped()).as("a skipped model was called").isFalse();
          assertThat(firedEntries.add(fire.index())).as("fired twice").isTrue();
          Behaviour b = models.get(fire.index());
          if (!b.silent()) {
            events.add(new Event(now + b.replyMillis() * MS, seq[0]++, fire.index(), false));
          }
        } else if (action instanceof QueryAction.WakeAt<Integer> wake) {
          assertThat(wake.atNanos()).isGreaterThanOrEqualTo(now);
          wakeAt[0] = wake.atNanos();
          events.add(new Event(wake.atNanos(), seq[0]++, -1, true));
        } else if (action instanceof QueryAction.Finish<Integer> finish) {
          finishes.add(finish.result());
          finishedAt[0] = now;
        }
      }
      Event event = events.poll();
      if (event == null || (!finishes.isEmpty() && event.at() > deadline + 100 * MS)) {
        break;
      }
      if (event.wake() && event.at() != wakeAt[0]) {
        actions = List.of(); // a superseded wake-up: nothing happens
        continue;
      }
      now = event.at();
      if (event.wake()) {
        actions = run.onWake(now);
      } else if (models.get(event.entry()).fails()) {
        actions = run.onError(event.entry(), now);
      } else {
        if (now < deadline && finishes.isEmpty()) {
          firstAnswerAt = Math.min(firstAnswerAt, now);
        }
        actions = run.onAnswer(event.entry(), event.entry(), now);
      }
    }

    assertThat(finishes).as("terminal responses").hasSize(1);
    assertThat(finishedAt[0]).as("finished after the deadline").isLessThanOrEqualTo(deadline);
    QueryResult<Integer> result = finishes.get(0);
    assertThat(result.trace()).hasSize(chain.size());
    if (result.answered()) {
      int rank = result.answer().orElseThrow();
      assertThat(rank).isEqualTo(result.rank());
      assertThat(firedEntries).contains(rank);
      assertThat(result.trace().get(rank).outcome()).isEqualTo(Outcome.ANSWERED);
    }
    if (policy == Policy.FIRST && firstAnswerAt < deadline) {
      assertThat(result.answered()).as("an answer arrived in time but the result is empty").isTrue();
      assertThat(finishedAt[0]).isEqualTo(firstAnswerAt);
    }
    for (int i = 0; i < chain.size(); i++) {
      if (models.get(i).skipped() && result.trace().get(i).outcome() != Outcome.NOT_FIRED) {
        assertThat(result.trace().get(i).outcome()).isEqualTo(Outcome.SKIPPED_LAG);
      }
    }
  }
}
