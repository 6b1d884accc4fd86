package io.tbms.broker.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import io.tbms.common.time.ManualClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private static final long MS = 1_000_000L;

  private final ManualClock clock = new ManualClock();

  private Admission fixed(int limit) {
    return new Admission(AdmissionConfig.ofDefaults().withAlgorithm(LimitAlgorithm.FIXED).withLimits(limit, 1, limit), clock);
  }

  private static List<Permit> hold(Admission admission, int calls) {
    List<Permit> permits = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      permits.add(admission.acquire(0, false).orElseThrow());
    }
    return permits;
  }

  @Test
  void admitsEveryPriorityWhenIdle() {
    Admission admission = fixed(20);
    for (int p = 0; p <= 9; p++) {
      assertThat(admission.admit(p)).isEqualTo(new Verdict.Admit(0, 20));
    }
  }

  @Test
  void shedsTheLeastImportantFirst() {
    Admission admission = fixed(20);
    hold(admission, 11); // 55% of 20: priority 9's share
    assertThat(admission.admit(9)).isEqualTo(new Verdict.Shed(11, 20));
    assertThat(admission.admit(8)).isEqualTo(new Verdict.Admit(11, 20)); // 60%: 12
    hold(admission, 8); // 19 of 20
    assertThat(admission.admit(1)).isInstanceOf(Verdict.Shed.class); // 95%: 19
    assertThat(admission.admit(0)).isInstanceOf(Verdict.Admit.class);
  }

  @Test
  void rejectsEveryPriorityAtTheLimit() {
    Admission admission = fixed(20);
    hold(admission, 20);
    assertThat(admission.admit(0)).isEqualTo(new Verdict.Reject(20, 20));
    assertThat(admission.admit(9)).isEqualTo(new Verdict.Reject(20, 20));
  }

  @Test
  void enteringJudgesAndReservesTheFirstCallInOneStep() {
    Admission admission = fixed(4);
    List<Permit> others = hold(admission, 2);
    Entry first = admission.enter(9); // 2 of 4 is below priority 9's 55%
    assertThat(first.verdict()).isEqualTo(new Verdict.Admit(2, 4));
    Entry second = admission.enter(9); // 3 of 4 is past it
    assertThat(second.verdict()).isEqualTo(new Verdict.Shed(3, 4));
    assertThat(admission.enter(0).verdict()).as("no room left for another query").isEqualTo(new Verdict.Reject(4, 4));
    assertThat(admission.enter(0).reserved()).isEmpty();
    assertThat(admission.inflight()).isEqualTo(4);

    first.reserved().orElseThrow().onIgnore();
    second.reserved().orElseThrow().onSuccess();
    others.forEach(Permit::onIgnore);
    assertThat(admission.inflight()).isZero();
  }

  @Test
  void concurrentEntriesNeverReserveBeyondTheLimit() throws Exception {
    Admission admission = fixed(8);
    List<Entry> entries = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < 4; t++) {
      threads.add(new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 100; i++) {
          entries.add(admission.enter(i % 10));
        }
      }));
    }
    threads.forEach(Thread::start);
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(entries.stream().filter(e -> e.reserved().isPresent())).hasSize(8);
    assertThat(admission.inflight()).isEqualTo(8);
  }

  @Test
  void aShedQueryMayStillRunItsCheapestEntryBelowTheLimit() {
    Admission admission = fixed(20);
    hold(admission, 11);
    assertThat(admission.acquire(9, false)).isEmpty();
    assertThat(admission.acquire(9, true)).isPresent();
    hold(admission, 8);
    assertThat(admission.acquire(9, true)).isEmpty(); // 20 in flight: nothing starts
    assertThat(admission.acquire(0, true)).isEmpty();
    assertThat(admission.inflight()).isEqualTo(20);
  }

  @Test
  void aPermitReleasesItsSlotOnce() {
    Admission admission = fixed(2);
    List<Permit> permits = hold(admission, 2);
    permits.get(0).onSuccess();
    permits.get(0).onDropped();
    permits.get(0).onIgnore();
    assertThat(admission.inflight()).isEqualTo(1);
    permits.get(1).onIgnore();
    assertThat(admission.inflight()).isZero();
  }

  /** Records what the admission feeds its limit. */
  private static final class RecordingLimit implements Limit {
    record Sample(long startNanos, long rttNanos, int inflight, boolean didDrop) {}

    final List<Sample> samples = new ArrayList<>();

    @Override
    public int getLimit() {
      return 10;
    }

    @Override
    public void notifyOnChange(Consumer<Integer> consumer) {}

    @Override
    public void onSample(long startTime, long rtt, int inflight, boolean didDrop) {
      samples.add(new Sample(startTime, rtt, inflight, didDrop));
    }
  }

  @Test
  void feedsTheLimitRttFromTheInjectedClock() {
    RecordingLimit limit = new RecordingLimit();
    Admission admission = new Admission(limit, PriorityShedding.ofDefaults(), clock);
    clock.advanceMillis(100);
    Permit first = admission.acquire(3, false).orElseThrow();
    Permit second = admission.acquire(3, false).orElseThrow();
    Permit third = admission.acquire(3, false).orElseThrow();
    clock.advanceMillis(7);
    first.onSuccess();
    clock.advanceMillis(5);
    second.onDropped();
    third.onIgnore();
    assertThat(limit.samples).containsExactly(
        new RecordingLimit.Sample(100 * MS, 7 * MS, 1, false),
        new RecordingLimit.Sample(100 * MS, 12 * MS, 2, true));
  }

  /** Keeps the limit busy: each round fills it with calls that all take {@code rttMillis}. */
  private void run(Admission admission, int rounds, long rttMillis) {
    for (int r = 0; r < rounds; r++) {
      List<Permit> permits = new ArrayList<>();
      admission.acquire(0, false).ifPresent(permits::add);
      while (admission.inflight() < admission.limit()) {
        permits.add(admission.acquire(0, false).orElseThrow());
      }
      clock.advanceMillis(rttMillis);
      permits.forEach(Permit::onSuccess);
    }
  }

  @Test
  void gradientLimitFallsWhenRttRises() {
    Admission admission = new Admission(AdmissionConfig.ofDefaults().withLimits(20, 4, 200), clock);
    run(admission, 50, 10);
    int steady = admission.limit();
    run(admission, 5, 50);
    assertThat(admission.limit()).isLessThan(steady);
  }

  @Test
  void vegasLimitFallsWhenRttRises() {
    // probing (which forgets the lowest RTT at random) is pushed out of the test's reach
    Limit vegas = VegasLimit.newBuilder().initialLimit(20).maxConcurrency(200).probeMultiplier(1_000_000).build();
    Admission admission = new Admission(vegas, PriorityShedding.ofDefaults(), clock);
    run(admission, 50, 10);
    int steady = admission.limit();
    run(admission, 5, 50);
    assertThat(admission.limit()).isLessThan(steady);
  }

  @Test
  void buildsEachConfiguredAlgorithm() {
    for (LimitAlgorithm algorithm : LimitAlgorithm.values()) {
      Admission admission = new Admission(AdmissionConfig.ofDefaults().withAlgorithm(algorithm), clock);
      assertThat(admission.limit()).isEqualTo(AdmissionConfig.DEFAULT_INITIAL_LIMIT);
    }
  }

  @Test
  void refusesBadSettingsNamingTheField() {
    AdmissionConfig defaults = AdmissionConfig.ofDefaults();
    assertThatThrownBy(() -> defaults.withLimits(5, 0, 10)).hasMessageStartingWith("minLimit");
    assertThatThrownBy(() -> defaults.withLimits(5, 4, 3)).hasMessageStartingWith("maxLimit");
    assertThatThrownBy(() -> defaults.withLimits(50, 4, 10)).hasMessageStartingWith("initialLimit");
    assertThatThrownBy(() -> defaults.withLowestShare(0)).hasMessageStartingWith("lowestShare");
    assertThatThrownBy(() -> defaults.withAlgorithm(null)).hasMessageContaining("algorithm");
    assertThatThrownBy(() -> fixed(5).admit(10)).hasMessageStartingWith("priority");
  }
}
