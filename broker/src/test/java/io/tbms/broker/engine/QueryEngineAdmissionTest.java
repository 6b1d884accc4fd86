package io.tbms.broker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.admission.Admission;
import io.tbms.broker.admission.AdmissionConfig;
import io.tbms.broker.admission.Entry;
import io.tbms.broker.admission.LimitAlgorithm;
import io.tbms.broker.admission.Permit;
import io.tbms.broker.admission.Verdict;
import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.backend.ModelBackend;
import io.tbms.broker.config.BrokerConfig;
import io.tbms.broker.downgrade.DowngradePolicy;
import io.tbms.broker.lag.LocalLagStats;
import io.tbms.broker.mix.Combine;
import io.tbms.broker.query.Outcome;
import io.tbms.broker.query.Policy;
import io.tbms.broker.query.QueryResult;
import io.tbms.common.time.ManualClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine takes an admission permit for each model call just before it fires. The limit may
 * fill between a query's admission and that moment (a burst of concurrent queries): the refused
 * call is never made and its entry reads SHED, never ERROR.
 */
class QueryEngineAdmissionTest {

  private static final int LIMIT = 4;

  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock();
  private final Admission admission =
      new Admission(new AdmissionConfig(LimitAlgorithm.FIXED, LIMIT, 1, LIMIT, 0.55), clock);
  private final AnsweringBackend backend = new AnsweringBackend();
  private final LocalLagStats lag = new LocalLagStats(Duration.ofSeconds(2), 0.95);
  private final QueryEngine engine =
      new QueryEngine(vertx, clock, Duration.ofMillis(1), backend, null, lag, new DowngradePolicy(BrokerConfig.DEFAULT_LAG_MIN_CHANCE), admission, QueryObserver.all());

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aShedQueryWhoseCheapestEntryFindsTheLimitFullReadsShedAndCallsNothing() throws Exception {
    List<Permit> taken = fillTheLimit();

    QueryAnswer answer = run(true, single("embedding", 35), single("keyword", 5));

    assertThat(outcomes(answer)).containsExactly(Outcome.SHED, Outcome.SHED);
    assertThat(answer.result().answered()).isFalse();
    assertThat(backend.calls).isEmpty();
    taken.forEach(Permit::onIgnore);
    assertThat(admission.inflight()).isZero();
  }

  @Test
  void anAdmittedQueryAtAFullLimitShedsEveryEntryAndCallsNothing() throws Exception {
    List<Permit> taken = fillTheLimit();

    QueryAnswer answer = run(false, single("embedding", 35), single("keyword", 5));

    assertThat(outcomes(answer)).containsExactly(Outcome.SHED, Outcome.SHED);
    assertThat(backend.calls).isEmpty();
    taken.forEach(Permit::onIgnore);
  }

  @Test
  void aGroupWithRoomForOneMemberCallsThatOneAndTheOtherReadsShed() throws Exception {
    List<Permit> taken = hold(LIMIT - 1);
    ChainStep group = new ChainStep("mix", Duration.ofMillis(35),
        List.of(new ChainStep.Member("embedding", ""), new ChainStep.Member("svm", "")), Combine.MAX);

    QueryAnswer answer = run(false, group);

    assertThat(backend.calls).containsExactly("embedding");
    assertThat(outcomes(answer)).containsExactly(Outcome.ANSWERED, Outcome.SHED);
    assertThat(answer.result().answered()).isTrue();
    taken.forEach(Permit::onIgnore);
    assertThat(admission.inflight()).as("the answered call gave its permit back").isZero();
  }

  @Test
  void withRoomTheCheapestEntryOfAShedQueryIsCalledAndItsPermitReturned() throws Exception {
    QueryAnswer answer = run(true, single("embedding", 35), single("keyword", 5));

    assertThat(outcomes(answer)).containsExactly(Outcome.SHED, Outcome.ANSWERED);
    assertThat(backend.calls).containsExactly("keyword");
    assertThat(admission.inflight()).isZero();
  }

  @Test
  void aShedQueryAdmittedJustBeforeABurstFilledTheLimitRunsItsCheapestEntryOnItsReservedPermit() throws Exception {
    List<Permit> before = hold(3); // past priority 9's 55% of 4
    Entry entry = admission.enter(9);
    assertThat(entry.verdict()).isEqualTo(new Verdict.Shed(3, LIMIT));
    assertThat(admission.acquire(9, true)).as("the limit is full now").isEmpty();

    QueryAnswer answer = run(true, entry.reserved().orElseThrow(), single("embedding", 35), single("keyword", 5));

    assertThat(outcomes(answer)).containsExactly(Outcome.SHED, Outcome.ANSWERED);
    assertThat(backend.calls).containsExactly("keyword");
    assertThat(admission.inflight()).as("only the others' permits are held").isEqualTo(3);
    before.forEach(Permit::onIgnore);
  }

  @Test
  void aQueryThatCallsNothingGivesItsReservedPermitBack() throws Exception {
    lag.record("embedding", Duration.ofMillis(500).toNanos(), clock.nanoTime());
    Entry entry = admission.enter(0);

    QueryAnswer answer = run(false, entry.reserved().orElseThrow(), single("embedding", 35));

    assertThat(outcomes(answer)).containsExactly(Outcome.SKIPPED_LAG);
    assertThat(backend.calls).isEmpty();
    assertThat(admission.inflight()).isZero();
  }

  private List<Permit> hold(int calls) {
    List<Permit> taken = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      taken.add(admission.acquire(0, false).orElseThrow());
    }
    return taken;
  }

  private List<Permit> fillTheLimit() {
    List<Permit> taken = hold(LIMIT);
    assertThat(admission.acquire(9, true)).isEmpty();
    return taken;
  }

  private QueryAnswer run(boolean shed, ChainStep... chain) throws Exception {
    return run(shed, null, chain);
  }

  private QueryAnswer run(boolean shed, Permit reserved, ChainStep... chain) throws Exception {
    AcceptedQuery query = new AcceptedQuery("demo", "faq", new InferInput.Texts(List.of("play some music")),
        List.of(chain), Duration.ofMillis(200), Policy.FIRST, 9, shed, false, Duration.ZERO, clock.nanoTime());
    return engine.run(query, reserved).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static ChainStep single(String model, long estimateMs) {
    return ChainStep.single(model, "", Duration.ofMillis(estimateMs));
  }

  private static List<Outcome> outcomes(QueryAnswer answer) {
    return answer.trace().stream().map(QueryResult.TraceEntry::outcome).toList();
  }

  /** Answers every call at once and records which model was called. */
  private static final class AnsweringBackend implements ModelBackend {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public BackendCall infer(String model, String version, InferInput input) {
      calls.add(model);
      Future<List<ModelAnswer>> answer = Future.succeededFuture(List.of(new ModelAnswer("music", 0.9f)));
      return new BackendCall() {
        @Override
        public Future<List<ModelAnswer>> result() {
          return answer;
        }

        @Override
        public void cancel(CancelReason why) {}
      };
    }

    @Override
    public boolean circuitOpen(String model) {
      return false;
    }
  }
}
