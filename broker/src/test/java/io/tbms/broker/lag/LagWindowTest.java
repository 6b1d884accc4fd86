package io.tbms.broker.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.config.BrokerConfig;
import io.tbms.common.time.ManualClock;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LagWindowTest {

  private static final long MS = 1_000_000L;
  private final ManualClock clock = new ManualClock();

  @Test
  void hasNoOpinionWithoutHistory() {
    LagWindow window = new LagWindow(BrokerConfig.DEFAULT_LAG_WINDOW, BrokerConfig.DEFAULT_LAG_QUANTILE,
        LagWindow.DEFAULT_CAPACITY, LagWindow.DEFAULT_REFRESH);
    assertThat(window.quantile(clock.nanoTime())).isEmpty();
  }

  @Test
  void reportsTheHighQuantileOfRecentLag() {
    LagWindow window = new LagWindow(Duration.ofSeconds(10), 0.9, 100);
    for (int i = 1; i <= 10; i++) {
      window.record(i * MS, clock.nanoTime());
    }
    assertThat(window.quantile(clock.nanoTime())).hasValue(9 * MS);
  }

  @Test
  void forgetsLagOlderThanTheWindow() {
    LagWindow window = new LagWindow(Duration.ofSeconds(10), 0.95, 100);
    window.record(80 * MS, clock.nanoTime());
    clock.advance(Duration.ofSeconds(6));
    window.record(20 * MS, clock.nanoTime());
    assertThat(window.quantile(clock.nanoTime())).hasValue(80 * MS);
    clock.advance(Duration.ofSeconds(5));
    assertThat(window.quantile(clock.nanoTime())).hasValue(20 * MS);
    clock.advance(Duration.ofSeconds(10));
    assertThat(window.quantile(clock.nanoTime())).isEmpty();
  }

  @Test
  void keepsOnlyTheNewestSamplesWhenFull() {
    LagWindow window = new LagWindow(Duration.ofSeconds(10), 1.0, 3);
    for (long lag : new long[] {100, 1, 2, 3}) {
      window.record(lag * MS, clock.nanoTime());
    }
    assertThat(window.quantile(clock.nanoTime())).hasValue(3 * MS);
  }

  @Property
  void theQuantileIsAlwaysOneOfTheRecordedLags(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 100_000) Integer> lags) {
    LagWindow window = new LagWindow(Duration.ofSeconds(10), 0.95, 64);
    for (int lag : lags) {
      window.record(lag, 0);
    }
    long q = window.quantile(0).orElseThrow();
    assertThat(lags.subList(Math.max(0, lags.size() - 64), lags.size())).contains((int) q);
  }

  @Test
  void reusesAComputedQuantileForItsRefreshThenSeesNewSamples() {
    LagWindow window = new LagWindow(Duration.ofSeconds(10), 1.0, 100, Duration.ofMillis(5));
    window.record(10 * MS, clock.nanoTime());
    assertThat(window.quantile(clock.nanoTime())).hasValue(10 * MS);
    window.record(30 * MS, clock.nanoTime());
    clock.advance(Duration.ofMillis(4));
    assertThat(window.quantile(clock.nanoTime())).as("within the refresh").hasValue(10 * MS);
    clock.advance(Duration.ofMillis(1));
    assertThat(window.quantile(clock.nanoTime())).hasValue(30 * MS);
  }

  @Test
  void refusesANegativeRefresh() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new LagWindow(Duration.ofSeconds(1), 0.9, 10, Duration.ofMillis(-1))).hasMessageStartingWith("refresh");
  }

  @Test
  void theChanceIsTheShareOfRecentCallsThatAnsweredWithinTheTime() {
    LagWindow window = new LagWindow(Duration.ofSeconds(2), 0.95, 100);
    assertThat(window.chance(10 * MS, clock.nanoTime())).isEmpty();
    for (int ms = 1; ms <= 8; ms++) {
      window.record(ms * 5 * MS, clock.nanoTime()); // 5, 10 ... 40 ms
    }
    assertThat(window.chance(20 * MS, clock.nanoTime())).hasValue(0.5);
    assertThat(window.chance(4 * MS, clock.nanoTime())).hasValue(0);
    assertThat(window.chance(40 * MS, clock.nanoTime())).hasValue(1);
  }

  @Test
  void aCallGivenUpOnCountsInTheQuantileAndAsAMissOnlyWithinItsTimeOut() {
    LagWindow window = new LagWindow(Duration.ofSeconds(2), 1.0, 100);
    window.record(10 * MS, clock.nanoTime());
    window.record(30 * MS, clock.nanoTime(), false); // out 30 ms when its query gave up on it
    assertThat(window.quantile(clock.nanoTime())).hasValue(30 * MS);
    assertThat(window.chance(20 * MS, clock.nanoTime())).as("it did not answer within 20 ms").hasValue(0.5);
    assertThat(window.chance(30 * MS, clock.nanoTime())).hasValue(0.5);
    assertThat(window.chance(50 * MS, clock.nanoTime())).as("within 50 ms it is unknown: left out").hasValue(1);
    window.record(40 * MS, clock.nanoTime(), false);
    assertThat(window.chance(35 * MS, clock.nanoTime())).hasValue(0.5);
    clock.advance(Duration.ofSeconds(2));
    assertThat(window.chance(50 * MS, clock.nanoTime())).as("the window moved on").isEmpty();
  }
}
