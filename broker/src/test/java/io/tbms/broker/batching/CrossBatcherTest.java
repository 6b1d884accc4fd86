package io.tbms.broker.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tbms.common.time.ManualClock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CrossBatcherTest {

  private static final long MS = 1_000_000L;

  private final ManualClock clock = new ManualClock();
  private final AtomicInteger batchSize = new AtomicInteger(3);
  /** 0: the model counts as busy, so these tests see batches form; the adaptive tests set it. */
  private final AtomicInteger concurrency = new AtomicInteger(0);
  private final CrossBatcher batcher = new CrossBatcher(batchSize::get, concurrency::get, CrossBatchConfig.ofDefaults());

  private void offer(long id, long waitMillis) {
    long now = clock.nanoTime();
    assertThat(batcher.offer(id, now, now + waitMillis * MS)).isEqualTo(OfferResult.ACCEPTED);
  }

  private static List<Long> ids(BatchDecision decision) {
    assertThat(decision).isInstanceOf(BatchDecision.Dispatch.class);
    return ((BatchDecision.Dispatch) decision).members().stream().map(BatchMember::id).toList();
  }

  @Test
  void isIdleWithNobodyWaiting() {
    assertThat(batcher.decide(clock.nanoTime())).isEqualTo(BatchDecision.IDLE);
  }

  @Test
  void closesABatchWhenItReachesTheBatchSize() {
    offer(1, 10);
    offer(2, 10);
    assertThat(batcher.decide(clock.nanoTime())).isEqualTo(new BatchDecision.WaitUntil(10 * MS));
    offer(3, 10);
    offer(4, 10);
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(1L, 2L, 3L);
    assertThat(batcher.decide(clock.nanoTime())).isEqualTo(new BatchDecision.WaitUntil(10 * MS));
    assertThat(batcher.pending()).isEqualTo(1);
  }

  @Test
  void sendsAtOnceWhenNothingIsInFlight() {
    concurrency.set(1);
    offer(1, 10);
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(1L);
    assertThat(batcher.inFlight()).isEqualTo(1);
    assertThat(batcher.decide(clock.nanoTime())).isEqualTo(BatchDecision.IDLE);
  }

  @Test
  void whileTheModelIsBusyGathersUntilTheCallEnds() {
    concurrency.set(1);
    offer(1, 10);
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(1L);
    clock.advanceMillis(1);
    offer(2, 10);
    offer(3, 10);
    assertThat(batcher.decide(clock.nanoTime())).isEqualTo(new BatchDecision.WaitUntil(11 * MS));
    clock.advanceMillis(2);
    batcher.callDone(); // the device is free: the gathered members go together, not at their wait
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(2L, 3L);
    assertThat(batcher.inFlight()).isEqualTo(1);
  }

  @Test
  void whileBusyStillSendsAFullBatchOrAMemberWhoseWaitRanOut() {
    concurrency.set(1);
    offer(1, 10);
    batcher.decide(clock.nanoTime());
    offer(2, 10);
    offer(3, 10);
    offer(4, 10);
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(2L, 3L, 4L);
    offer(5, 4);
    assertThat(batcher.decide(clock.nanoTime())).isEqualTo(new BatchDecision.WaitUntil(4 * MS));
    clock.advanceMillis(4);
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(5L);
    assertThat(batcher.inFlight()).isEqualTo(3);
  }

  @Test
  void sendsAtOnceWhileAnyDeviceIsFreeAndReadsTheConcurrencyAtEveryDecision() {
    concurrency.set(2);
    offer(1, 10);
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(1L);
    offer(2, 10);
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(2L);
    offer(3, 10);
    assertThat(batcher.decide(clock.nanoTime())).isInstanceOf(BatchDecision.WaitUntil.class);
    concurrency.set(3);
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(3L);
  }

  @Test
  void endingACallThatIsNotInFlightIsAnAdapterBug() {
    assertThatThrownBy(batcher::callDone).isInstanceOf(IllegalStateException.class).hasMessageContaining("in flight");
  }

  @Test
  void closesWhenTheOldestMembersWaitRunsOut() {
    offer(1, 10);
    clock.advanceMillis(4);
    offer(2, 10);
    assertThat(batcher.decide(clock.nanoTime())).isEqualTo(new BatchDecision.WaitUntil(10 * MS));
    clock.advanceMillis(5);
    assertThat(batcher.decide(clock.nanoTime())).isInstanceOf(BatchDecision.WaitUntil.class);
    clock.advanceMillis(1);
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(1L, 2L);
    assertThat(batcher.decide(clock.nanoTime())).isEqualTo(BatchDecision.IDLE);
  }

  @Test
  void aMemberWithATighterWaitClosesTheBatchSooner() {
    offer(1, 20);
    clock.advanceMillis(1);
    offer(2, 5);
    assertThat(batcher.decide(clock.nanoTime())).isEqualTo(new BatchDecision.WaitUntil(6 * MS));
    clock.advanceMillis(5);
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(1L, 2L);
  }

  @Test
  void boundsTheWaitByTheDeadlineLessTheEstimate() {
    // arrival 0, cross lag 20 ms, deadline 30 ms, estimate 15 ms: must be sent by 15 ms
    assertThat(CrossBatcher.waitUntilNanos(0, 20 * MS, 30 * MS, 15 * MS)).isEqualTo(15 * MS);
    // plenty of budget: the cross lag decides
    assertThat(CrossBatcher.waitUntilNanos(0, 5 * MS, 30 * MS, 15 * MS)).isEqualTo(5 * MS);
    // never after the deadline, even with no estimate
    assertThat(CrossBatcher.waitUntilNanos(0, 50 * MS, 30 * MS, -1)).isEqualTo(30 * MS);
    // a deadline already too close: send at once (the wait is already over)
    assertThat(CrossBatcher.waitUntilNanos(10 * MS, 5 * MS, 12 * MS, 15 * MS)).isLessThan(10 * MS);
  }

  @Test
  void aRemovedMemberIsNeverDispatched() {
    offer(1, 10);
    offer(2, 3);
    assertThat(batcher.remove(2)).isTrue();
    assertThat(batcher.remove(2)).isFalse();
    assertThat(batcher.decide(clock.nanoTime())).isEqualTo(new BatchDecision.WaitUntil(10 * MS));
    clock.advanceMillis(10);
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(1L);
    assertThat(batcher.remove(1)).isFalse();
  }

  @Test
  void readsTheBatchSizeAtEveryDecision() {
    for (long id = 1; id <= 3; id++) {
      offer(id, 10);
    }
    batchSize.set(2);
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(1L, 2L);
    batchSize.set(0); // below 1 counts as 1: no batching
    assertThat(ids(batcher.decide(clock.nanoTime()))).containsExactly(3L);
  }

  @Test
  void refusesMembersBeyondMaxPendingAsAValue() {
    CrossBatcher small = new CrossBatcher(() -> 100, () -> 0, new CrossBatchConfig(2));
    assertThat(small.offer(1, 0, MS)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(small.offer(2, 0, MS)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(small.offer(3, 0, MS)).isEqualTo(new OfferResult.QueueFull(2));
    assertThat(small.pending()).isEqualTo(2);
  }

  @Test
  void refusesADuplicateIdAndBadConfigNamingTheField() {
    offer(1, 10);
    assertThatThrownBy(() -> batcher.offer(1, 0, 0)).hasMessageContaining("member 1");
    assertThatThrownBy(() -> new CrossBatchConfig(0)).hasMessageContaining("maxPending");
  }
}
