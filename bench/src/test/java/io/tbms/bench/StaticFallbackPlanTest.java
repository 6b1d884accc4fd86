package io.tbms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.common.time.ManualClock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticFallbackPlanTest {

  private static final long MS = 1_000_000L;

  private final ManualClock clock = new ManualClock();
  private final StaticFallbackPlan plan = new StaticFallbackPlan(Chains.FULL, 50 * MS);

  @Test
  void firstAttemptIsTheBestModelLimitedToItsEstimate() {
    long start = clock.nanoTime();
    assertThat(plan.attempt(0, start, clock.nanoTime())).contains(new StaticFallbackPlan.Attempt(0, 35 * MS));
  }

  @Test
  void backupAfterATimeoutGetsOnlyWhatIsLeftOfTheBudget() {
    long start = clock.nanoTime();
    clock.advanceMillis(35);
    assertThat(plan.attempt(1, start, clock.nanoTime())).contains(new StaticFallbackPlan.Attempt(1, 15 * MS));
  }

  @Test
  void backupAfterAFastErrorGetsItsFullEstimate() {
    long start = clock.nanoTime();
    clock.advanceMillis(2);
    assertThat(plan.attempt(1, start, clock.nanoTime())).contains(new StaticFallbackPlan.Attempt(1, 25 * MS));
  }

  @Test
  void givesUpAtTheDeadline() {
    long start = clock.nanoTime();
    clock.advanceMillis(50);
    assertThat(plan.attempt(2, start, clock.nanoTime())).isEmpty();
  }

  @Test
  void givesUpWhenTheChainIsExhausted() {
    long start = clock.nanoTime();
    clock.advanceMillis(10);
    assertThat(plan.attempt(4, start, clock.nanoTime())).isEqualTo(Optional.empty());
  }

  @Test
  void zeroEstimateMeansTheTimeLeft() {
    StaticFallbackPlan zero = new StaticFallbackPlan(List.of(new ChainEntry("keyword", 0)), 50 * MS);
    long start = clock.nanoTime();
    clock.advanceMillis(20);
    assertThat(zero.attempt(0, start, clock.nanoTime())).contains(new StaticFallbackPlan.Attempt(0, 30 * MS));
  }
}
