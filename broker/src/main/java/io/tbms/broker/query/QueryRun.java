package io.tbms.broker.query;

import io.tbms.broker.downgrade.SkipReason;
import io.tbms.broker.schedule.ChainEntry;
import io.tbms.broker.schedule.FireSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The life of one query as a pure state machine: the adapter feeds it events (start, wake-up,
 * answer, error) with the current monotonic time and carries out the {@link QueryAction}s it
 * returns. It never reads a clock, sets a timer or calls a model itself.
 *
 * <p>Entry {@code i} is due at {@code t0 + }{@link FireSchedule}'s time for it: when the entry
 * before it has run past its expected latency, or at its latest useful start (the deadline minus
 * its own expected latency) if that comes first. A skipped or failed entry makes its backup due at
 * once. Nothing fires at or after the deadline {@code t0 + budget − margin}, where the run
 * finishes with the best answer so far or empty.
 * Exactly one {@link QueryAction.Finish} is ever emitted. Not thread-safe: the adapter serialises
 * events (one Vert.x context per query).
 *
 * @param <A> the answer type
 */
public final class QueryRun<A> {

  private enum State { PENDING, IN_FLIGHT, DONE }

  private final List<ChainEntry> chain;
  private final FireSchedule schedule;
  private final Policy policy;
  private final EntryGate gate;
  private final long t0;
  private final long deadline;
  private final State[] state;
  private final Outcome[] outcome;
  private final long[] fired;
  private final long[] done;
  private int next;
  private long nextDue;
  private A best;
  private int bestRank = -1;
  private boolean finished;

  /**
   * @param chain the entries, best first, each with its expected latency (observed, else the
   *     caller's estimate)
   */
  public QueryRun(List<ChainEntry> chain, Duration budget, Duration margin, Policy policy, EntryGate gate, long t0Nanos) {
    this.chain = List.copyOf(chain);
    this.schedule = FireSchedule.of(this.chain, Duration.ofNanos(Math.max(1, budget.toNanos() - margin.toNanos())));
    this.policy = policy;
    this.gate = gate;
    this.t0 = t0Nanos;
    this.deadline = t0Nanos + Math.max(0, budget.toNanos() - margin.toNanos());
    int n = this.chain.size();
    this.state = new State[n];
    this.outcome = new Outcome[n];
    this.fired = new long[n];
    this.done = new long[n];
    for (int i = 0; i < n; i++) {
      state[i] = State.PENDING;
      fired[i] = schedule.offsetNanos(i);
      done[i] = -1;
    }
    this.nextDue = Long.MAX_VALUE;
  }

  public long deadlineNanos() {
    return deadline;
  }

  public boolean finished() {
    return finished;
  }

  public List<QueryAction<A>> start(long now) {
    return advance(now, new ArrayList<>());
  }

  public List<QueryAction<A>> onWake(long now) {
    return advance(now, new ArrayList<>());
  }

  public List<QueryAction<A>> onAnswer(int index, A answer, long now) {
    List<QueryAction<A>> actions = new ArrayList<>();
    if (finished || state[index] != State.IN_FLIGHT) {
      return actions;
    }
    complete(index, Outcome.ANSWERED, now);
    if (bestRank < 0 || index < bestRank) {
      best = answer;
      bestRank = index;
    }
    return advance(now, actions);
  }

  public List<QueryAction<A>> onError(int index, long now) {
    List<QueryAction<A>> actions = new ArrayList<>();
    if (finished || state[index] != State.IN_FLIGHT) {
      return actions;
    }
    complete(index, Outcome.ERROR, now);
    if (index + 1 == next) {
      nextDue = Math.min(nextDue, now); // its backup fires at once
    }
    return advance(now, actions);
  }

  private void complete(int index, Outcome result, long now) {
    state[index] = State.DONE;
    outcome[index] = result;
    done[index] = now - t0;
  }

  private List<QueryAction<A>> advance(long now, List<QueryAction<A>> actions) {
    if (finished) {
      return actions;
    }
    if (now >= deadline) {
      return finish(now, actions, Outcome.LATE);
    }
    if (bestRank >= 0 && (policy == Policy.FIRST || !betterStillPossible())) {
      return finish(now, actions, Outcome.CANCELLED);
    }
    // once an answer is held (policy BEST), a lower-ranked entry could not beat it: fire no more
    while (bestRank < 0 && next < chain.size() && dueOf(next) <= now) {
      int i = next++;
      fired[i] = now - t0;
      Optional<SkipReason> skip = gate.check(i, deadline - now);
      if (skip.isPresent()) {
        state[i] = State.DONE; // nothing arrives from a skipped entry: no done time
        outcome[i] = skipped(skip.get());
        nextDue = now;
      } else {
        state[i] = State.IN_FLIGHT;
        actions.add(new QueryAction.Fire<>(i));
        nextDue = Long.MAX_VALUE;
      }
    }
    if (nothingLeft()) {
      return finish(now, actions, Outcome.LATE);
    }
    long wake = bestRank < 0 && next < chain.size() ? Math.min(dueOf(next), deadline) : deadline;
    actions.add(new QueryAction.WakeAt<>(Math.max(wake, now)));
    return actions;
  }

  /** Its planned time, or at once when the entry before it was skipped or failed. */
  private long dueOf(int i) {
    return Math.min(nextDue, t0 + schedule.offsetNanos(i));
  }

  /** For policy BEST: a higher-ranked entry than the held answer is still in flight. */
  private boolean betterStillPossible() {
    for (int i = 0; i < bestRank; i++) {
      if (state[i] == State.IN_FLIGHT) {
        return true;
      }
    }
    return false;
  }

  /** No call in flight and nothing left to fire: waiting for the deadline would change nothing. */
  private boolean nothingLeft() {
    if (next < chain.size()) {
      return false;
    }
    for (State s : state) {
      if (s == State.IN_FLIGHT) {
        return false;
      }
    }
    return true;
  }

  private List<QueryAction<A>> finish(long now, List<QueryAction<A>> actions, Outcome inFlight) {
    finished = true;
    List<QueryResult.TraceEntry> trace = new ArrayList<>(chain.size());
    for (int i = 0; i < chain.size(); i++) {
      Outcome result = outcome[i];
      if (state[i] == State.IN_FLIGHT) {
        result = inFlight;
        actions.add(new QueryAction.Cancel<>(i));
      } else if (state[i] == State.PENDING) {
        result = Outcome.NOT_FIRED;
      }
      trace.add(new QueryResult.TraceEntry(chain.get(i).model(), result, fired[i], done[i]));
    }
    actions.add(new QueryAction.Finish<>(
        new QueryResult<>(Optional.ofNullable(best), bestRank, now - t0, trace)));
    return actions;
  }

  private static Outcome skipped(SkipReason reason) {
    return switch (reason) {
      case LAG -> Outcome.SKIPPED_LAG;
      case CIRCUIT -> Outcome.SKIPPED_CIRCUIT;
      case SHED -> Outcome.SHED;
    };
  }
}
