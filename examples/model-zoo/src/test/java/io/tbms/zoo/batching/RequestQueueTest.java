package io.tbms.zoo.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The priority queue alone, and the batcher deciding over it: pure, with times given. */
class RequestQueueTest {

  private record Request(String name, long enqueuedNanos, int priorityLevel, long deadlineNanos)
      implements QueuedRequest {
    @Override
    public int items() {
      return 1;
    }
  }

  private final RequestQueue<Request> queue = new RequestQueue<>();

  private Request add(String name, long atNanos, long priority) {
    Request request = new Request(name, atNanos, PriorityLevels.of(priority), Long.MAX_VALUE);
    queue.add(request);
    return request;
  }

  private List<String> order() {
    List<String> names = new ArrayList<>();
    queue.forEach(r -> names.add(r.name()));
    return names;
  }

  @Test
  void servesTheHighestLevelFirstAndArrivalOrderWithinALevel() {
    add("low", 1, 10);
    add("default", 2, 0);
    add("high", 3, 1);
    add("low again", 4, 10);
    add("high again", 5, 1);
    assertThat(order()).containsExactly("high", "high again", "default", "low", "low again");
    assertThat(queue.poll().name()).isEqualTo("high");
    assertThat(queue.size()).isEqualTo(4);
  }

  @Test
  void aPriorityOfZeroOrAboveTheLevelsWaitsAtTheDefaultLevel() {
    assertThat(PriorityLevels.of(0)).isEqualTo(PriorityLevels.DEFAULT_LEVEL);
    assertThat(PriorityLevels.of(PriorityLevels.LEVELS + 1)).isEqualTo(PriorityLevels.DEFAULT_LEVEL);
    assertThat(PriorityLevels.of(Long.MAX_VALUE)).isEqualTo(PriorityLevels.DEFAULT_LEVEL);
    assertThat(PriorityLevels.of(1)).isEqualTo(1);
    assertThat(PriorityLevels.of(PriorityLevels.LEVELS)).isEqualTo(PriorityLevels.LEVELS);
  }

  @Test
  void removesARequestWhereverItWaits() {
    add("a", 1, 3);
    Request b = add("b", 2, 7);
    add("c", 3, 7);
    assertThat(queue.remove(b)).isTrue();
    assertThat(queue.remove(b)).isFalse();
    assertThat(order()).containsExactly("a", "c");
    assertThat(queue.size()).isEqualTo(2);
  }

  @Test
  void takesOutOnlyRequestsWhoseDeadlineHasPassed() {
    queue.add(new Request("due now", 0, 1, 100));
    queue.add(new Request("past", 0, 5, 99));
    queue.add(new Request("none", 0, 5, Long.MAX_VALUE));
    assertThat(queue.removeExpired(100)).extracting(Request::name).containsExactly("past");
    assertThat(order()).containsExactly("due now", "none");
    assertThat(queue.removeExpired(101)).extracting(Request::name).containsExactly("due now");
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void refusesALevelOutsideTheRange() {
    assertThatThrownBy(() -> queue.add(new Request("x", 0, 0, Long.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("priorityLevel");
  }

  @Test
  void theBatcherTakesTheHighPriorityRequestsFirstAndTimesTheDelayFromTheOldestTaken() {
    DynamicBatcher batcher = new DynamicBatcher(new DynamicBatchingConfig(2, List.of(), Duration.ofMillis(10), 100));
    add("old low", 0, 9);
    add("high", 4_000_000, 1);
    // target 2 items: "high" then "old low"; full, so dispatched at once in that order
    assertThat(batcher.decide(queue, 4_000_000)).isEqualTo(new BatchDecision.Dispatch(2, 2));
    assertThat(queue.poll().name()).isEqualTo("high");
  }

  @Test
  void theBatcherWakesWhenAWaitingRequestsDeadlinePassesBeforeTheQueueDelay() {
    DynamicBatcher batcher = new DynamicBatcher(new DynamicBatchingConfig(8, List.of(), Duration.ofMillis(10), 100));
    queue.add(new Request("expiring", 0, 6, 3_000_000));
    assertThat(batcher.decide(queue, 1_000_000)).isEqualTo(new BatchDecision.WaitFor(Duration.ofNanos(2_000_001)));
    queue.poll();
    queue.add(new Request("patient", 0, 6, 50_000_000));
    assertThat(batcher.decide(queue, 1_000_000)).isEqualTo(new BatchDecision.WaitFor(Duration.ofMillis(9)));
  }

  @Property
  void pollingGivesLevelThenArrivalOrder(
      @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 12) Integer> priorities) {
    List<Request> added = new ArrayList<>();
    for (int i = 0; i < priorities.size(); i++) {
      added.add(add("r" + i, i, priorities.get(i)));
    }
    List<Request> expected = new ArrayList<>(added);
    expected.sort(Comparator.comparingInt(Request::priorityLevel).thenComparingLong(Request::enqueuedNanos));
    List<Request> polled = new ArrayList<>();
    while (!queue.isEmpty()) {
      polled.add(queue.poll());
    }
    assertThat(polled).containsExactlyElementsOf(expected);
  }
}
