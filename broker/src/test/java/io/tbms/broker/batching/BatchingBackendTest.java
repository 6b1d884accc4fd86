package io.tbms.broker.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.BackendCall.CancelReason;
import io.tbms.broker.backend.BackendException;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.backend.Urgency;
import io.tbms.common.time.ManualClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingBackendTest {

  private static final long MS = 1_000_000L;

  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** With concurrency 0 the model always counts as busy: batches form by size and wait alone. */
  private BatchingBackend batching(FakeModelBackend backend, int batchSize, int maxPending) {
    return batching(backend, batchSize, maxPending, 0);
  }

  private BatchingBackend batching(FakeModelBackend backend, int batchSize, int maxPending, int concurrency) {
    return new BatchingBackend(vertx, backend, ModelBatching.uniform(batchSize, concurrency),
        new CrossBatchConfig(maxPending), clock);
  }

  private static BackendException.Reason failureReason(BackendCall call) {
    assertThat(call.result().failed()).isTrue();
    return ((BackendException) call.result().cause()).reason();
  }

  @Test
  void fiveConcurrentSubmitsWithBatchSizeFourMakeTwoCallsAndAnswerEachMember() throws Exception {
    FakeModelBackend backend = new FakeModelBackend(true);
    BatchingBackend batching = batching(backend, 4, 100);
    long waitUntil = clock.nanoTime() + 5 * MS;
    ExecutorService callers = Executors.newFixedThreadPool(5);
    List<CompletableFuture<BackendCall>> submits = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        String text = "q" + i;
        submits.add(CompletableFuture.supplyAsync(() -> batching.submit("svm", "", text, waitUntil), callers));
      }
      CompletableFuture.allOf(submits.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    } finally {
      callers.shutdown();
    }
    assertThat(backend.calls).hasSize(1); // the fifth waits for company or its wait to end
    clock.advanceMillis(5); // the adapter's timer wakes and finds the wait over

    for (int i = 0; i < 5; i++) {
      List<ModelAnswer> answers = await(submits.get(i).get().result());
      assertThat(answers).containsExactly(FakeModelBackend.answerFor("q" + i));
    }
    assertThat(backend.calls).hasSize(2);
    assertThat(backend.calls.stream().map(c -> c.texts.size())).containsExactlyInAnyOrder(4, 1);
    assertThat(backend.calls.stream().flatMap(c -> c.texts.stream()))
        .containsExactlyInAnyOrder("q0", "q1", "q2", "q3", "q4");
  }

  @Test
  void anIdleModelGetsATextAtOnceAndABusyOneGathersTextsUntilItsCallEnds() throws Exception {
    FakeModelBackend backend = new FakeModelBackend(false);
    BatchingBackend batching = batching(backend, 8, 100, 1);
    BackendCall first = batching.submit("svm", "", "a", clock.nanoTime() + 10 * MS);
    assertThat(backend.calls).as("no wait for companions on an idle model").singleElement()
        .satisfies(call -> assertThat(call.texts).containsExactly("a"));

    BackendCall second = batching.submit("svm", "", "b", clock.nanoTime() + 10 * MS);
    BackendCall third = batching.submit("svm", "", "c", clock.nanoTime() + 10 * MS);
    assertThat(backend.calls).as("busy: b and c gather").hasSize(1);
    clock.advanceMillis(1);
    backend.calls.get(0).answer();

    assertThat(await(first.result())).containsExactly(FakeModelBackend.answerFor("a"));
    assertThat(backend.calls).as("the call's end sends what gathered, long before its wait").hasSize(2);
    assertThat(backend.calls.get(1).texts).containsExactly("b", "c");
    backend.calls.get(1).answer();
    assertThat(await(second.result())).containsExactly(FakeModelBackend.answerFor("b"));
    assertThat(await(third.result())).containsExactly(FakeModelBackend.answerFor("c"));
  }

  @Test
  void aSharedCallEveryMemberGaveUpOnFreesTheModelAtOnce() {
    FakeModelBackend backend = new FakeModelBackend(false); // a cancelled call never completes here
    BatchingBackend batching = batching(backend, 8, 100, 1);
    BackendCall abandoned = batching.submit("svm", "", "a", clock.nanoTime() + 10 * MS);
    abandoned.cancel(CancelReason.NOT_NEEDED);
    assertThat(backend.calls.get(0).cancelled).hasValue(CancelReason.NOT_NEEDED);

    batching.submit("svm", "", "b", clock.nanoTime() + 10 * MS);
    assertThat(backend.calls).hasSize(2);
    assertThat(backend.calls.get(1).texts).containsExactly("b");
  }

  @Test
  void aCallThatAnswersAtOnceLeavesTheModelIdle() throws Exception {
    FakeModelBackend backend = new FakeModelBackend(true);
    BatchingBackend batching = batching(backend, 8, 100, 1);
    for (String text : List.of("a", "b", "c")) {
      assertThat(await(batching.submit("svm", "", text, clock.nanoTime() + 10 * MS).result()))
          .containsExactly(FakeModelBackend.answerFor(text));
    }
    assertThat(backend.calls).hasSize(3);
  }

  @Test
  void aModelsQueueDelayCapSendsALoneTextWhenTheCapRunsOutNotWhenItsOwnWaitDoes() throws Exception {
    FakeModelBackend backend = new FakeModelBackend(true);
    AtomicReference<Duration> cap = new AtomicReference<>();
    BatchingBackend batching = new BatchingBackend(vertx, backend,
        new ModelBatching(model -> 4, model -> model.equals("svm") ? cap.get() : null, model -> 0),
        new CrossBatchConfig(100), clock);

    cap.set(Duration.ofMillis(2)); // live: read at submit
    BackendCall capped = batching.submit("svm", "", "a", clock.nanoTime() + 30 * MS);
    BackendCall uncapped = batching.submit("bayes", "", "b", clock.nanoTime() + 30 * MS);
    clock.advanceMillis(2);

    assertThat(await(capped.result())).containsExactly(FakeModelBackend.answerFor("a"));
    assertThat(backend.calls).singleElement().satisfies(call -> assertThat(call.model).isEqualTo("svm"));
    assertThat(uncapped.result().isComplete()).as("bayes has no cap: it waits its own 30 ms").isFalse();
    clock.advanceMillis(28);
    assertThat(await(uncapped.result())).containsExactly(FakeModelBackend.answerFor("b"));
  }

  @Test
  void cancellingAMemberBeforeDispatchDropsItsSlot() throws Exception {
    FakeModelBackend backend = new FakeModelBackend(true);
    BatchingBackend batching = batching(backend, 4, 100);
    BackendCall dropped = batching.submit("svm", "", "a", clock.nanoTime() + 5 * MS);
    BackendCall kept = batching.submit("svm", "", "b", clock.nanoTime() + 5 * MS);
    dropped.cancel(CancelReason.NOT_NEEDED);
    assertThat(failureReason(dropped)).isEqualTo(BackendException.Reason.CANCELLED);

    clock.advanceMillis(5);
    assertThat(await(kept.result())).containsExactly(FakeModelBackend.answerFor("b"));
    assertThat(backend.calls).singleElement().satisfies(call -> assertThat(call.texts).containsExactly("b"));
  }

  @Test
  void aSentMembersCancelOnlyDetachesIt() throws Exception {
    FakeModelBackend backend = new FakeModelBackend(false);
    BatchingBackend batching = batching(backend, 2, 100);
    BackendCall leaving = batching.submit("svm", "", "a", clock.nanoTime() + 5 * MS);
    BackendCall staying = batching.submit("svm", "", "b", clock.nanoTime() + 5 * MS);
    FakeModelBackend.Call shared = backend.calls.get(0);

    leaving.cancel(CancelReason.LATE);
    assertThat(shared.cancelled).hasNullValue();
    shared.answer();
    assertThat(failureReason(leaving)).isEqualTo(BackendException.Reason.CANCELLED);
    assertThat(await(staying.result())).containsExactly(FakeModelBackend.answerFor("b"));
  }

  @Test
  void cancelsTheSharedCallWhenAllItsMembersCancelLateIfAnyWasLate() {
    FakeModelBackend backend = new FakeModelBackend(false);
    BatchingBackend batching = batching(backend, 2, 100);
    BackendCall a = batching.submit("svm", "", "a", clock.nanoTime() + 5 * MS);
    BackendCall b = batching.submit("svm", "", "b", clock.nanoTime() + 5 * MS);
    FakeModelBackend.Call shared = backend.calls.get(0);

    a.cancel(CancelReason.LATE);
    b.cancel(CancelReason.NOT_NEEDED);
    assertThat(shared.cancelled).hasValue(CancelReason.LATE);

    BackendCall c = batching.submit("svm", "", "c", clock.nanoTime() + 5 * MS);
    BackendCall d = batching.submit("svm", "", "d", clock.nanoTime() + 5 * MS);
    c.cancel(CancelReason.NOT_NEEDED);
    d.cancel(CancelReason.NOT_NEEDED);
    assertThat(backend.calls.get(1).cancelled).hasValue(CancelReason.NOT_NEEDED);
  }

  @Test
  void aFailedSharedCallFailsEveryMember() {
    FakeModelBackend backend = new FakeModelBackend(false);
    BatchingBackend batching = batching(backend, 2, 100);
    BackendCall a = batching.submit("svm", "", "a", clock.nanoTime() + 5 * MS);
    BackendCall b = batching.submit("svm", "", "b", clock.nanoTime() + 5 * MS);
    backend.calls.get(0).promise.fail(new BackendException(BackendException.Reason.TRANSPORT, "reset"));
    assertThat(failureReason(a)).isEqualTo(BackendException.Reason.TRANSPORT);
    assertThat(failureReason(b)).isEqualTo(BackendException.Reason.TRANSPORT);
  }

  @Test
  void aWrongAnswerCountFailsEveryMemberAsABadResponse() {
    FakeModelBackend backend = new FakeModelBackend(false);
    BatchingBackend batching = batching(backend, 2, 100);
    BackendCall a = batching.submit("svm", "", "a", clock.nanoTime() + 5 * MS);
    BackendCall b = batching.submit("svm", "", "b", clock.nanoTime() + 5 * MS);
    backend.calls.get(0).promise.complete(List.of(FakeModelBackend.answerFor("a")));
    assertThat(failureReason(a)).isEqualTo(BackendException.Reason.BAD_RESPONSE);
    assertThat(failureReason(b)).isEqualTo(BackendException.Reason.BAD_RESPONSE);
  }

  @Test
  void refusesAQueryWhenTheModelsQueueIsFull() throws Exception {
    FakeModelBackend backend = new FakeModelBackend(true);
    BatchingBackend batching = batching(backend, 4, 1);
    BackendCall waiting = batching.submit("svm", "", "a", clock.nanoTime() + 5 * MS);
    BackendCall refused = batching.submit("svm", "", "b", clock.nanoTime() + 5 * MS);
    assertThat(failureReason(refused)).isEqualTo(BackendException.Reason.BULKHEAD_FULL);
    // other models and versions have queues of their own
    assertThat(await(batching.submit("bayes", "", "c", clock.nanoTime()).result())).hasSize(1);
    clock.advanceMillis(5);
    assertThat(await(waiting.result())).containsExactly(FakeModelBackend.answerFor("a"));
  }

  @Test
  void sendsAtOnceWhenTheWaitIsAlreadyOver() {
    FakeModelBackend backend = new FakeModelBackend(true);
    BatchingBackend batching = batching(backend, 4, 100);
    BackendCall call = batching.submit("svm", "", "a", clock.nanoTime());
    assertThat(call.result().result()).containsExactly(FakeModelBackend.answerFor("a"));
    assertThatThrownBy(() -> batching.submit("svm", "", null, 0)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aSharedCallAsksForClassScoresWhenAnyOfItsMembersDoes() {
    FakeModelBackend backend = new FakeModelBackend(true);
    BatchingBackend batching = batching(backend, 2, 100);
    batching.submit("svm", "", "plain", clock.nanoTime() + 5 * MS);
    batching.submit("svm", "", "plain too", clock.nanoTime() + 5 * MS);
    batching.submit("svm", "", "avg member", clock.nanoTime() + 5 * MS, true);
    BackendCall plain = batching.submit("svm", "", "plain", clock.nanoTime() + 5 * MS, false);
    assertThat(backend.calls).extracting(call -> call.classScores).containsExactly(false, true);
    assertThat(plain.result().result()).containsExactly(FakeModelBackend.answerFor("plain"));
  }

  @Test
  void aSharedCallCarriesItsLatestMembersDeadlineAndItsMostImportantPriority() {
    FakeModelBackend backend = new FakeModelBackend(true);
    BatchingBackend batching = batching(backend, 3, 100);
    long wait = clock.nanoTime() + 5 * MS;
    batching.submit("svm", "", "a", wait, false, new Urgency(30 * MS, 5));
    batching.submit("svm", "", "b", wait, false, new Urgency(50 * MS, 7));
    batching.submit("svm", "", "c", wait, false, new Urgency(40 * MS, 2));
    batching.submit("svm", "", "alone", clock.nanoTime(), false, new Urgency(20 * MS, 9));
    assertThat(backend.calls).extracting(call -> call.urgency)
        .containsExactly(new Urgency(50 * MS, 2), new Urgency(20 * MS, 9));
  }
}
