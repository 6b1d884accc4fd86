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
 * cancellations and live batch size changes.
 */
class CrossBatcherProperties {

  private static final long MS = 1_000_000L;

  /** One step: after {@code gapNanos}, a member arrives, a member is cancelled, or the size changes. */
  record Step(int kind, long gapNanos, long waitNanos, int pick) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 9),
            Arbitraries.longs().between(0, 3 * MS),
            Arbitraries.longs().between(0, 10 * MS),
            Arbitraries.integers().between(0, 1000))
        .as(Step::new)
        .list()
        .ofMaxSize(200);
  }

  private final class Driver {
    final AtomicInteger size;
    final CrossBatcher batcher;
    final Set<Long> offered = new HashSet<>();
    final Set<Long> dispatched = new HashSet<>();
    final Set<Long> removed = new HashSet<>();
    final List<Long> waiting = new ArrayList<>();
    long now;
    long wakeAt = Long.MAX_VALUE;

    Driver(int initialSize, int maxPending) {
      size = new AtomicInteger(initialSize);
      batcher = new CrossBatcher(size::get, new CrossBatchConfig(maxPending));
    }

    void settle() {
      while (true) {
        BatchDecision decision = batcher.decide(now);
        if (decision instanceof BatchDecision.Dispatch dispatch) {
          assertThat(dispatch.members()).hasSizeLessThanOrEqualTo(Math.max(1, size.get()));
          for (BatchMember member : dispatch.members()) {
            assertThat(member.waitUntilNanos()).as("sent after its wait").isGreaterThanOrEqualTo(now);
            assertThat(dispatched.add(member.id())).as("sent twice").isTrue();
            assertThat(removed).doesNotContain(member.id());
            waiting.remove(Long.valueOf(member.id()));
          }
        } else {
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
      @ForAll @IntRange(min = 1, max = 50) int maxPending) {
    Driver d = new Driver(initialSize, maxPending);
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
      } else {
        d.size.set(step.pick() % 7); // 0 included: counts as 1
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
  }
}
