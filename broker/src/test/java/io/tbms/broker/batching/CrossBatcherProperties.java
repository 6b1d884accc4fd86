package io.tbms.broker.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Drives a {@link CrossBatcher} the way its adapter does — decide after every change until it
 * waits, and wake at each {@link BatchDecision.WaitUntil} — through random arrivals,
 * cancellations, calls that end and live batch size and concurrency changes.
 */
class CrossBatcherProperties {

  private static final long MS = 1_000_000L;

  /**
   * One step: after {@code gapNanos}, a member arrives, a member is cancelled, the size or the
   * concurrency changes, or a call in flight ends.
   */
  record Step(int kind, long gapNanos, long waitNanos, int pick) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 11),
            Arbitraries.longs().between(0, 3 * MS),
            Arbitraries.longs().between(0, 10 * MS),
            Arbitraries.integers().between(0, 1000))
        .as(Step::new)
        .list()
        .ofMaxSize(200);
  }

  private final class Driver {
    final AtomicInteger size;
    final AtomicInteger concurrency;
    final CrossBatcher batcher;
    final Set<Long> offered = new HashSet<>();
    final Set<Long> dispatched = new HashSet<>();
    final Set<Long> removed = new HashSet<>();
    final List<Long> waiting = new ArrayList<>();
    long now;
    long wakeAt = Long.MAX_VALUE;
    int calls;

    Driver(int initialSize, int initialConcurrency, int maxPending) {
      size = new AtomicInteger(initialSize);
      concurrency = new AtomicInteger(initialConcurrency);
      batcher = new CrossBatcher(size::get, concurrency::get, new CrossBatchConfig(maxPending));
    }

    void settle() {
      while (true) {
        BatchDecision decision = batcher.decide(now);
        if (decision instanceof BatchDecision.Dispatch dispatch) {
          calls++;
          assertThat(dispatch.members()).hasSizeLessThanOrEqualTo(Math.max(1, size.get()));
          for (BatchMember member : dispatch.members()) {
            assertThat(member.waitUntilNanos()).as("sent after its wait").isGreaterThanOrEqualTo(now);
            assertThat(dispatched.add(member.id())).as("sent twice").isTrue();
            assertThat(removed).doesNotContain(member.id());
            waiting.remove(Long.valueOf(member.id()));
          }
        } else {
          assertThat(waiting.isEmpty() || batcher.inFlight() >= concurrency.get())
              .as("holds a member while the model has a device free").isTrue();
          wakeAt = decision instanceof BatchDecision.WaitUntil w ? w.atNanos() : Long.MAX_VALUE;
          return;
        }
      }
    }

    void advanceTo(long t) {
      while (wakeAt <= t) {
        now = Math.max(now, wakeAt);
        settle();
      }
      now = t;
    }
  }

  @Property
  void sendsEveryMemberOnceOrDropsItNeverLateNeverOversized(
      @ForAll("steps") List<Step> steps,
      @ForAll @IntRange(min = 1, max = 6) int initialSize,
      @ForAll @IntRange(min = 0, max = 3) int initialConcurrency,
      @ForAll @IntRange(min = 1, max = 50) int maxPending) {
    Driver d = new Driver(initialSize, initialConcurrency, maxPending);
    int ends = 0;
    long nextId = 0;
    for (Step step : steps) {
      d.advanceTo(d.now + step.gapNanos());
      if (step.kind() <= 5) {
        long id = nextId++;
        OfferResult result = d.batcher.offer(id, d.now, d.now + step.waitNanos());
        if (result == OfferResult.ACCEPTED) {
          d.offered.add(id);
          d.waiting.add(id);
        } else {
          assertThat(d.batcher.pending()).isEqualTo(maxPending);
        }
      } else if (step.kind() <= 7) {
        if (!d.waiting.isEmpty()) {
          long id = d.waiting.remove(step.pick() % d.waiting.size());
          assertThat(d.batcher.remove(id)).isTrue();
          d.removed.add(id);
        }
      } else if (step.kind() == 8) {
        d.size.set(step.pick() % 7); // 0 included: counts as 1
      } else if (step.kind() == 9) {
        d.concurrency.set(step.pick() % 4);
      } else if (d.batcher.inFlight() > 0) {
        d.batcher.callDone();
        ends++;
      }
      d.settle();
      assertThat(d.batcher.pending()).isEqualTo(d.waiting.size()).isLessThanOrEqualTo(maxPending);
    }
    d.advanceTo(Long.MAX_VALUE - 1);
    assertThat(d.batcher.pending()).isZero();
    Set<Long> ended = new HashSet<>(d.dispatched);
    ended.addAll(d.removed);
    assertThat(ended).isEqualTo(d.offered);
    assertThat(Collections.disjoint(d.dispatched, d.removed)).isTrue();
    assertThat(d.batcher.inFlight()).as("calls in flight").isEqualTo(d.calls - ends);
  }
}
