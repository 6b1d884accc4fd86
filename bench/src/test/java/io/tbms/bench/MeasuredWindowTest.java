package io.tbms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MeasuredWindowTest {

  private static final long SEED = 150;

  /** The first {@code n} intended send times of the run's schedule, in nanoseconds. */
  private static List<Long> offsets(double rate, int n) {
    PoissonSchedule schedule = new PoissonSchedule(rate, new Random(SEED));
    List<Long> offsets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      offsets.add(schedule.nextNanos());
    }
    return offsets;
  }

  @Test
  void startsAtTheFirstArrivalAfterTheWarmUpAndEndsAtTheLastBeforeTheEnd() {
    Duration warmup = Duration.ofSeconds(2);
    Duration duration = Duration.ofSeconds(5);
    MeasuredWindow window = MeasuredWindow.of(300, SEED, warmup, duration);
    List<Long> offsets = offsets(300, (int) window.to() + 1);
    long end = warmup.plus(duration).toNanos();

    assertThat(offsets.get((int) window.from() - 1)).isLessThan(warmup.toNanos());
    assertThat(offsets.get((int) window.from())).isGreaterThanOrEqualTo(warmup.toNanos());
    assertThat(offsets.get((int) window.to() - 1)).isLessThan(end);
    assertThat(offsets.get((int) window.to())).isGreaterThanOrEqualTo(end);
  }

  @Test
  void holdsAboutRateTimesDurationQueries() {
    MeasuredWindow window = MeasuredWindow.of(400, SEED, Duration.ofSeconds(1), Duration.ofSeconds(10));
    assertThat(window.size()).isBetween(3_800L, 4_200L);
  }

  @Test
  void withoutWarmUpItStartsAtTheFirstQuery() {
    assertThat(MeasuredWindow.of(50, SEED, Duration.ZERO, Duration.ofSeconds(1)).from()).isZero();
  }

  @Test
  void aLongerRunKeepsItsStartAndEndsLater() {
    MeasuredWindow shorter = MeasuredWindow.of(100, SEED, Duration.ofSeconds(1), Duration.ofSeconds(2));
    MeasuredWindow longer = MeasuredWindow.of(100, SEED, Duration.ofSeconds(1), Duration.ofSeconds(4));
    assertThat(longer.from()).isEqualTo(shorter.from());
    assertThat(longer.to()).isGreaterThan(shorter.to());
  }
}
