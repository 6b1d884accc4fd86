package io.tbms.broker.engine;

import io.tbms.broker.admission.Permit;
import io.tbms.broker.backend.BackendCall.CancelReason;
import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.BackendException;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.backend.Urgency;
import io.tbms.broker.downgrade.DowngradePolicy;
import io.tbms.broker.downgrade.SkipReason;
import io.tbms.broker.engine.QueryObserver.CallResult;
import io.tbms.broker.mix.Combine;
import io.tbms.broker.mix.Combiner;
import io.tbms.broker.query.Outcome;
import io.tbms.broker.query.QueryAction;
import io.tbms.broker.query.QueryResult;
import io.tbms.broker.query.QueryRun;
import io.tbms.broker.schedule.ChainEntry;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * One query on its Vert.x context: carries out what its {@link QueryRun} decides (calls, cancels,
 * a single wake-up timer) and feeds it the calls' results. Every method runs on {@code context}.
 */
final class QueryExecution {

  private final QueryEngine engine;
  private final AcceptedQuery query;
  private final Context context;
  private final Promise<QueryAnswer> promise;
  private final QueryRun<ModelAnswer> run;
  private final MemberCall[][] calls;
  private final Permit[][] permits;
  /** The permit admission reserved for the first call; null once used or given back. */
  private Permit reserved;
  private Timer timer;

  QueryExecution(QueryEngine engine, AcceptedQuery query, Permit reserved, Context context, Promise<QueryAnswer> promise) {
    this.engine = engine;
    this.query = query;
    this.reserved = reserved;
    this.context = context;
    this.promise = promise;
    long now = engine.clock().nanoTime();
    List<ChainEntry> entries = new ArrayList<>(query.chain().size());
    query.chain().forEach(step -> entries.add(new ChainEntry(step.name(), Duration.ofNanos(expectedNanos(step, now)))));
    this.run = new QueryRun<>(entries, query.budget(), engine.margin(), query.policy(), this::gate, query.t0Nanos());
    this.calls = new MemberCall[entries.size()][];
    this.permits = new Permit[entries.size()][];
  }

  void start() {
    apply(run.start(engine.clock().nanoTime()));
  }

  /**
   * A step's expected latency: its slowest member's observed quantile (this broker's or a peer's),
   * the caller's estimate for a member the broker has not seen lately.
   */
  private long expectedNanos(ChainStep step, long now) {
    long expected = 0;
    for (ChainStep.Member member : step.members()) {
      expected = Math.max(expected, engine.lagStats().lag(member.model(), now).orElse(step.estimate().toNanos()));
    }
    return expected;
  }

  /** A step's chance of answering within {@code timeLeftNanos}: its least likely member's. */
  private double chance(ChainStep step, long timeLeftNanos, long now) {
    double chance = 1;
    for (ChainStep.Member member : step.members()) {
      OptionalDouble observed = engine.lagStats().chance(member.model(), timeLeftNanos, now);
      chance = Math.min(chance, observed.isPresent() ? observed.getAsDouble()
          : DowngradePolicy.chanceByExpected(
              engine.lagStats().lag(member.model(), now).orElse(step.estimate().toNanos()), timeLeftNanos));
    }
    return chance;
  }

  private Optional<SkipReason> gate(int index, long timeLeftNanos) {
    ChainStep step = query.chain().get(index);
    long now = engine.clock().nanoTime();
    boolean allOpen = true;
    for (ChainStep.Member member : step.members()) {
      allOpen &= engine.backend().circuitOpen(member.model());
    }
    boolean shed = query.shed() && index != query.cheapestStep();
    boolean last = index == query.chain().size() - 1;
    Optional<SkipReason> skip = engine.downgrade().check(chance(step, timeLeftNanos, now), last, allOpen, shed);
    if (skip.isPresent()) {
      return skip;
    }
    return acquirePermits(index) ? Optional.empty() : Optional.of(SkipReason.SHED);
  }

  /**
   * Takes an admission permit for each of the step's model calls, just before they fire: the
   * query's reserved permit for its first call, else a fresh one. The limit may have filled since
   * the query was admitted: a member refused its permit is not called and reads {@code SHED}; when
   * every member is refused, so is the step (its backup fires at once).
   */
  private boolean acquirePermits(int index) {
    ChainStep step = query.chain().get(index);
    Permit[] granted = new Permit[step.members().size()];
    boolean any = false;
    for (int m = 0; m < granted.length; m++) {
      if (reserved != null) {
        granted[m] = reserved;
        reserved = null;
      } else {
        granted[m] = engine.admission().acquire(query.priority(), index == query.cheapestStep()).orElse(null);
      }
      any |= granted[m] != null;
    }
    permits[index] = granted;
    return any;
  }

  private void apply(List<QueryAction<ModelAnswer>> actions) {
    QueryResult<ModelAnswer> finished = null;
    for (QueryAction<ModelAnswer> action : actions) {
      if (action instanceof QueryAction.Finish<ModelAnswer> finish) {
        finished = finish.result();
      }
    }
    for (QueryAction<ModelAnswer> action : actions) {
      if (action instanceof QueryAction.Fire<ModelAnswer> fire) {
        fire(fire.index());
      } else if (action instanceof QueryAction.Cancel<ModelAnswer> cancel) {
        cancel(cancel.index(), finished != null && finished.trace().get(cancel.index()).outcome() == Outcome.LATE);
      } else if (action instanceof QueryAction.WakeAt<ModelAnswer> wake) {
        wakeAt(wake.atNanos());
      }
    }
    if (finished != null) {
      if (timer != null) {
        timer.cancel();
      }
      if (reserved != null) {
        reserved.onIgnore(); // the query made no call: its reserved room goes back unmeasured
        reserved = null;
      }
      QueryAnswer answer = render(finished);
      engine.observer().onFinished(query, answer);
      promise.complete(answer);
    }
  }

  private void wakeAt(long atNanos) {
    if (timer != null) {
      timer.cancel();
    }
    long delay = atNanos - engine.clock().nanoTime();
    timer = context.owner().timer(Math.max(1_000, delay), TimeUnit.NANOSECONDS);
    Timer mine = timer;
    timer.onSuccess(v -> {
      if (mine == timer && !run.finished()) {
        apply(run.onWake(engine.clock().nanoTime()));
      }
    });
  }

  private void fire(int index) {
    ChainStep step = query.chain().get(index);
    MemberCall[] members = new MemberCall[step.members().size()];
    calls[index] = members;
    long now = engine.clock().nanoTime();
    for (int m = 0; m < members.length; m++) {
      members[m] = new MemberCall(step.members().get(m).model(), now);
    }
    for (int m = 0; m < members.length; m++) {
      MemberCall member = members[m];
      ChainStep.Member target = step.members().get(m);
      Permit permit = permits[index][m];
      if (permit == null) {
        member.shed = true;
        continue;
      }
      member.permit = permit;
      member.call = start(target, step, now);
      member.call.result().onComplete(ar -> onContext(() -> {
        if (ar.succeeded() && !ar.result().isEmpty()) {
          memberAnswered(index, member, ar.result().get(0));
        } else {
          memberFailed(index, member, ar.succeeded() ? "EMPTY_RESPONSE" : failureReason(ar.cause()));
        }
      }));
    }
    if (settled(members)) {
      context.runOnContext(v -> groupDone(index));
    }
  }

  /**
   * Members of an {@code avg} group ask for class scores, which the combination averages; no other
   * call does. Every call carries the query's deadline and priority to the model server.
   */
  private BackendCall start(ChainStep.Member target, ChainStep step, long now) {
    boolean classScores = step.combine() == Combine.AVG;
    InferInput input = query.input();
    Urgency urgency = new Urgency(run.deadlineNanos(), query.priority());
    if (query.crossRequest() && engine.batching() != null && input instanceof InferInput.Texts texts) {
      long deadline = run.deadlineNanos();
      long waitUntil = Math.min(now + query.crossLag().toNanos(), deadline - step.estimate().toNanos());
      return engine.batching().submit(
          target.model(), target.version(), texts.texts().get(0), Math.max(now, waitUntil), classScores, urgency);
    }
    InferInput call = classScores ? input.withClassScores() : input;
    return engine.backend().infer(target.model(), target.version(), call.withUrgency(urgency));
  }

  /** Always a fresh task, even when already on the context: a run is never re-entered. */
  private void onContext(Runnable task) {
    context.runOnContext(v -> task.run());
  }

  private void memberAnswered(int index, MemberCall member, ModelAnswer answer) {
    if (member.settled()) {
      return;
    }
    long now = engine.clock().nanoTime();
    member.answer = answer;
    member.doneNanos = now;
    member.permit.onSuccess();
    engine.lagStats().record(member.model, now - member.firedNanos, now);
    engine.observer().onCall(member.model, CallResult.ANSWERED, now - member.firedNanos);
    if (settled(calls[index])) {
      groupDone(index);
    }
  }

  /** Why a model call failed, as a metric tag: the backend's reason, else the failure's type. */
  static String failureReason(Throwable cause) {
    return cause instanceof BackendException backend ? backend.reason().name() : cause.getClass().getSimpleName();
  }

  private void memberFailed(int index, MemberCall member, String reason) {
    if (member.settled()) {
      return;
    }
    long now = engine.clock().nanoTime();
    member.failed = true;
    member.doneNanos = now;
    member.permit.onDropped();
    engine.observer().onCall(member.model, CallResult.ERROR, now - member.firedNanos);
    engine.observer().onCallFailed(member.model, reason);
    if (settled(calls[index])) {
      groupDone(index);
    }
  }

  private void groupDone(int index) {
    if (run.finished()) {
      return;
    }
    ChainStep step = query.chain().get(index);
    MemberCall[] members = calls[index];
    Optional<ModelAnswer> answer;
    if (step.isGroup()) {
      List<Optional<ModelAnswer>> answers = new ArrayList<>(members.length);
      for (MemberCall member : members) {
        answers.add(Optional.ofNullable(member.answer));
      }
      answer = Combiner.combine(step.combine(), answers);
    } else {
      answer = Optional.ofNullable(members[0].answer);
    }
    long now = engine.clock().nanoTime();
    apply(answer.isPresent() ? run.onAnswer(index, answer.get(), now) : run.onError(index, now));
  }

  /**
   * Cancels a step's calls still out. A call the query gave up on at its deadline is LATE; one no
   * longer needed after it ran past its step's estimate is OVERDUE; both are evidence of lag, so
   * their time out is recorded as a lower bound of the model's lag.
   */
  private void cancel(int index, boolean atDeadline) {
    MemberCall[] members = calls[index];
    if (members == null) {
      return;
    }
    long now = engine.clock().nanoTime();
    long estimate = query.chain().get(index).estimate().toNanos();
    for (MemberCall member : members) {
      if (member.settled() || member.call == null) {
        continue;
      }
      long lag = now - member.firedNanos;
      CancelReason why = atDeadline ? CancelReason.LATE : lag > estimate ? CancelReason.OVERDUE : CancelReason.NOT_NEEDED;
      member.cancelled = why;
      member.call.cancel(why);
      if (why == CancelReason.NOT_NEEDED) {
        member.permit.onIgnore();
      } else {
        member.permit.onDropped();
        engine.lagStats().record(member.model, lag, now, false);
      }
      engine.observer().onCall(member.model, why == CancelReason.LATE ? CallResult.LATE : CallResult.CANCELLED, lag);
    }
  }

  private static boolean settled(MemberCall[] members) {
    for (MemberCall member : members) {
      if (!member.settled()) {
        return false;
      }
    }
    return true;
  }

  private QueryAnswer render(QueryResult<ModelAnswer> result) {
    List<QueryResult.TraceEntry> trace = new ArrayList<>();
    for (int i = 0; i < query.chain().size(); i++) {
      ChainStep step = query.chain().get(i);
      QueryResult.TraceEntry entry = result.trace().get(i);
      MemberCall[] members = calls[i];
      if (!step.isGroup() || members == null) {
        for (ChainStep.Member member : step.members()) {
          trace.add(new QueryResult.TraceEntry(member.model(), entry.outcome(), entry.firedNanos(), entry.doneNanos()));
        }
        continue;
      }
      for (MemberCall member : members) {
        Outcome outcome = member.answer != null ? Outcome.ANSWERED
            : member.shed ? Outcome.SHED
            : member.failed ? Outcome.ERROR
            : entry.outcome();
        trace.add(new QueryResult.TraceEntry(member.model, outcome, entry.firedNanos(),
            member.doneNanos < 0 ? -1 : member.doneNanos - query.t0Nanos()));
      }
    }
    String by = result.answered() ? query.chain().get(result.rank()).name() : "";
    return new QueryAnswer(result, by, trace);
  }

  /** One model call of a step (a plain step has one). */
  private static final class MemberCall {
    final String model;
    final long firedNanos;
    BackendCall call;
    Permit permit;
    ModelAnswer answer;
    boolean failed;
    /** Refused an admission permit: never called. */
    boolean shed;
    CancelReason cancelled;
    long doneNanos = -1;

    MemberCall(String model, long firedNanos) {
      this.model = model;
      this.firedNanos = firedNanos;
    }

    boolean settled() {
      return answer != null || failed || shed || cancelled != null;
    }
  }
}
