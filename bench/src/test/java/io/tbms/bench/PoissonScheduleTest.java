package io.tbms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PoissonScheduleTest {

  private static final int SAMPLES = 200_000;

  @Test
  void meanGapIsOneOverTheRateWithinFiveStandardErrors() {
    double rate = 400;
    PoissonSchedule schedule = new PoissonSchedule(rate, new Random(42));
    long last = 0;
    double sum = 0;
    double sumSquares = 0;
    for (int i = 0; i < SAMPLES; i++) {
      long next = schedule.nextNanos();
      double gap = next - last;
      sum += gap;
      sumSquares += gap * gap;
      last = next;
    }
    double mean = sum / SAMPLES;
    double variance = sumSquares / SAMPLES - mean * mean;
    double standardError = Math.sqrt(variance / SAMPLES);
    assertThat(mean).isCloseTo(1e9 / rate, org.assertj.core.data.Offset.offset(5 * standardError));
    // an exponential's standard deviation equals its mean
    assertThat(Math.sqrt(variance)).isCloseTo(1e9 / rate, org.assertj.core.data.Percentage.withPercentage(2));
  }

  @Test
  void intendedTimesStrictlyIncreaseEvenAtHugeRates() {
    PoissonSchedule schedule = new PoissonSchedule(5e9, new Random(7));
    long previous = 0;
    for (int i = 0; i < 100_000; i++) {
      long next = schedule.nextNanos();
      assertThat(next).isGreaterThan(previous);
      previous = next;
    }
  }

  @Test
  void sameSeedGivesTheSameSchedule() {
    PoissonSchedule a = new PoissonSchedule(100, new Random(3));
    PoissonSchedule b = new PoissonSchedule(100, new Random(3));
    for (int i = 0; i < 1_000; i++) {
      assertThat(a.nextNanos()).isEqualTo(b.nextNanos());
    }
  }

  @Test
  void refusesANonPositiveRateNamingIt() {
    assertThatThrownBy(() -> new PoissonSchedule(0, new Random()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratePerSecond");
  }
}
