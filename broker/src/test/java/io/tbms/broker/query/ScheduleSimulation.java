package io.tbms.broker.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.downgrade.DowngradePolicy;
import io.tbms.broker.downgrade.SkipReason;
import io.tbms.broker.schedule.ChainEntry;
import io.tbms.broker.schedule.FireSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The schedule with the downgrade policy against simulated models whose latency the broker knows
 * (it has observed them), some of which run late this time: no entry fires before its planned time
 * unless the one before it was skipped or failed just then, and no query ends empty while a model
 * of its chain could have answered in time by its observed latency.
 */
class ScheduleSimulation {

  private static final long MS = 1_000_000L;
  private static final Duration MARGIN = Duration.ofMillis(1);

  /**
   * A model the broker has observed to take {@code latencyMillis}; this time it takes {@code
   * lateMillis} longer (a late call), errs at once ({@code broken}), or is skipped by its circuit
   * ({@code open}).
   */
  record Model(int latencyMillis, int lateMillis, boolean broken, boolean open) {}

  private record Event(long at, int kind, int seq, int entry) implements Comparable<Event> {
    static final int ANSWER = 0;
    static final int WAKE = 1;

    @Override
    public int compareTo(Event o) {
      // an answer that arrives at the very instant of a wake-up is seen first
      if (at != o.at) {
        return Long.compare(at, o.at);
      }
      return kind != o.kind ? Integer.compare(kind, o.kind) : Integer.compare(seq, o.seq);
    }
  }

  @Provide
  Arbitrary<List<Model>> chains() {
    Arbitrary<Model> model = Combinators.combine(
            Arbitraries.integers().between(0, 120),
            Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 200)),
            Arbitraries.of(true, false, false, false, false),
            Arbitraries.of(true, false, false, false, false))
        .as(Model::new);
    return model.list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 3000)
  void noEntryFiresEarlyAndNoQueryIsEmptyWhileAModelFits(
      @ForAll("chains") List<Model> models,
      @ForAll @IntRange(min = 2, max = 150) int budgetMillis,
      @ForAll Policy policy) {
    List<ChainEntry> chain = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      chain.add(ChainEntry.ofMillis("m" + i, models.get(i).latencyMillis()));
    }
    DowngradePolicy downgrade = new DowngradePolicy(0.2);
    long t0 = 5_000 * MS;
    long deadline = t0 + Duration.ofMillis(budgetMillis).minus(MARGIN).toNanos();
    long[] settledAt = new long[models.size()]; // when an entry was skipped or failed; -1 otherwise
    Arrays.fill(settledAt, -1);
    EntryGate gate = (i, left) -> {
      Optional<SkipReason> skip = downgrade.check(
          DowngradePolicy.chanceByExpected(models.get(i).latencyMillis() * MS, left),
          i == models.size() - 1, models.get(i).open(), false);
      skip.ifPresent(reason -> settledAt[i] = deadline - left);
      return skip;
    };
    QueryRun<Integer> run = new QueryRun<>(chain, Duration.ofMillis(budgetMillis), MARGIN, policy, gate, t0);
    assertThat(run.deadlineNanos()).isEqualTo(deadline);
    FireSchedule plan = FireSchedule.of(chain, Duration.ofMillis(budgetMillis).minus(MARGIN));

    PriorityQueue<Event> events = new PriorityQueue<>();
    int seq = 0;
    long wakeAt = -1;
    List<QueryResult<Integer>> finishes = new ArrayList<>();
    long now = t0;
    List<QueryAction<Integer>> actions = run.start(now);
    for (int step = 0; step < 10_000; step++) {
      for (QueryAction<Integer> action : actions) {
        if (action instanceof QueryAction.Fire<Integer> fire) {
          int i = fire.index();
          boolean atOnceAfterItsPredecessor = i > 0 && settledAt[i - 1] == now;
          assertThat(now >= t0 + plan.offsetNanos(i) || atOnceAfterItsPredecessor)
              .as("entry %d fired at %d ms, planned for %d ms", i, (now - t0) / MS, plan.offsetNanos(i) / MS).isTrue();
          Model model = models.get(i);
          long takes = model.broken() ? 0 : (model.latencyMillis() + model.lateMillis()) * MS;
          events.add(new Event(now + takes, Event.ANSWER, seq++, i));
        } else if (action instanceof QueryAction.WakeAt<Integer> wake) {
          wakeAt = wake.atNanos();
          events.add(new Event(wakeAt, Event.WAKE, seq++, -1));
        } else if (action instanceof QueryAction.Finish<Integer> finish) {
          finishes.add(finish.result());
        }
      }
      Event event = events.poll();
      if (event == null || !finishes.isEmpty()) {
        break;
      }
      if (event.kind() == Event.WAKE && event.at() != wakeAt) {
        actions = List.of();
        continue;
      }
      now = event.at();
      if (event.kind() == Event.WAKE) {
        actions = run.onWake(now);
      } else if (models.get(event.entry()).broken()) {
        settledAt[event.entry()] = now;
        actions = run.onError(event.entry(), now);
      } else {
        actions = run.onAnswer(event.entry(), event.entry(), now);
      }
    }

    assertThat(finishes).hasSize(1);
    QueryResult<Integer> result = finishes.get(0);
    long untilDeadline = deadline - t0;
    boolean someModelFits = false;
    for (Model model : models) {
      someModelFits |= !model.broken() && !model.open() && model.lateMillis() == 0
          && model.latencyMillis() * MS <= untilDeadline;
    }
    if (someModelFits) {
      assertThat(result.answered())
          .as("EMPTY while a model fitted: budget %d ms, models %s, trace %s", budgetMillis, models, result.trace())
          .isTrue();
    }
  }

}
