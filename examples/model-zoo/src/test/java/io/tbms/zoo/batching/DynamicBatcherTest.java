package io.tbms.zoo.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tbms.common.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

  private record Request(long enqueuedNanos, int items) implements QueuedRequest {}

  private final ManualClock clock = new ManualClock();
  private final List<Request> queue = new ArrayList<>();

  private final DynamicBatcher batcher =
      new DynamicBatcher(new DynamicBatchingConfig(16, List.of(4, 8), Duration.ofMillis(5), 100));

  private void enqueue(int items) {
    queue.add(new Request(clock.nanoTime(), items));
  }

  private BatchDecision decide() {
    return batcher.decide(queue, clock.nanoTime());
  }

  @Test
  void isIdleWhenNothingIsQueued() {
    assertThat(decide()).isEqualTo(BatchDecision.IDLE);
  }

  @Test
  void waitsForTheQueueDelayWhileTheBatchIsBelowThePreferredSize() {
    enqueue(1);
    clock.advanceMillis(2);
    enqueue(1);
    assertThat(decide()).isEqualTo(new BatchDecision.WaitFor(Duration.ofMillis(3)));
  }

  @Test
  void closesTheBatchWhenTheOldestRequestHasWaitedMaxQueueDelay() {
    enqueue(1);
    clock.advanceMillis(2);
    enqueue(2);
    clock.advanceMillis(3);
    assertThat(decide()).isEqualTo(new BatchDecision.Dispatch(2, 3));
  }

  @Test
  void closesTheBatchAtThePreferredSizeWithoutWaiting() {
    for (int i = 0; i < 8; i++) {
      enqueue(1);
    }
    assertThat(decide()).isEqualTo(new BatchDecision.Dispatch(8, 8));
  }

  @Test
  void stopsTheBatchAtTheLargestPreferredSizeWhenMoreWouldFit() {
    for (int i = 0; i < 12; i++) {
      enqueue(1);
    }
    assertThat(decide()).isEqualTo(new BatchDecision.Dispatch(8, 8));
  }

  @Test
  void dispatchesAtOnceWhenTheNextRequestWouldPassTheLargestPreferredSize() {
    enqueue(5);
    enqueue(4);
    assertThat(decide()).isEqualTo(new BatchDecision.Dispatch(1, 5));
  }

  @Test
  void sendsARequestLargerThanTheLargestPreferredSizeAlone() {
    enqueue(10);
    enqueue(1);
    assertThat(decide()).isEqualTo(new BatchDecision.Dispatch(1, 10));
  }

  @Test
  void withoutPreferredSizesFillsTheBatchUpToTheMaximum() {
    DynamicBatcher unpreferred =
        new DynamicBatcher(new DynamicBatchingConfig(16, List.of(), Duration.ofMillis(5), 100));
    for (int i = 0; i < 20; i++) {
      enqueue(1);
    }
    assertThat(unpreferred.decide(queue, clock.nanoTime())).isEqualTo(new BatchDecision.Dispatch(16, 16));
  }

  @Test
  void neverTakesMoreThanMaxBatchSizeItems() {
    enqueue(10);
    enqueue(10);
    assertThat(decide()).isEqualTo(new BatchDecision.Dispatch(1, 10));
  }

  @Test
  void withZeroDelayDispatchesWhateverIsQueued() {
    DynamicBatcher eager = new DynamicBatcher(DynamicBatchingConfig.ofDefaults());
    enqueue(3);
    assertThat(eager.decide(queue, clock.nanoTime())).isEqualTo(new BatchDecision.Dispatch(1, 3));
  }

  @Test
  void refusesPreferredSizesAboveTheMaximum() {
    assertThatThrownBy(() -> new DynamicBatchingConfig(8, List.of(4, 16), Duration.ZERO, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("preferredBatchSizes");
  }

  @Property
  void aDispatchIsNeverEmptyNorOverTheMaximumUnlessOneRequestIsLarger(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 20) Integer> sizes,
      @ForAll @IntRange(min = 0, max = 10) int waitedMillis) {
    List<Request> requests = new ArrayList<>();
    for (int size : sizes) {
      requests.add(new Request(0, size));
    }
    BatchDecision decision = batcher.decide(requests, Duration.ofMillis(waitedMillis).toNanos());
    if (decision instanceof BatchDecision.Dispatch dispatch) {
      assertThat(dispatch.requests()).isPositive();
      int items = requests.subList(0, dispatch.requests()).stream().mapToInt(Request::items).sum();
      assertThat(dispatch.items()).isEqualTo(items);
      assertThat(items <= 16 || dispatch.requests() == 1).isTrue();
    } else {
      assertThat(decision).isInstanceOf(BatchDecision.WaitFor.class);
      assertThat(waitedMillis).isLessThan(5);
    }
  }

  @Property
  void aBatchOfSeveralRequestsNeverPassesTheLargestPreferredSize(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 16) Integer> sizes,
      @ForAll @IntRange(min = 0, max = 10) int waitedMillis) {
    List<Request> requests = new ArrayList<>();
    for (int size : sizes) {
      requests.add(new Request(0, size));
    }
    BatchDecision decision = batcher.decide(requests, Duration.ofMillis(waitedMillis).toNanos());
    if (decision instanceof BatchDecision.Dispatch dispatch) {
      assertThat(dispatch.items() <= 8 || dispatch.requests() == 1).isTrue();
      if (dispatch.requests() < requests.size()) {
        // it stopped only because the next request would have passed the preferred size
        assertThat(dispatch.items() + requests.get(dispatch.requests()).items()).isGreaterThan(8);
      }
    }
  }
}
