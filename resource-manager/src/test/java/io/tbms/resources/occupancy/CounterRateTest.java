package io.tbms.resources.occupancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CounterRateTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void dividesTheIncreaseByTheElapsedSeconds() {
    assertThat(CounterRate.perSecond(100, 0, 400, 2 * SECOND)).isEqualTo(OptionalDouble.of(150));
  }

  @Test
  void takesALowerCounterAsARestartCountingFromZero() {
    assertThat(CounterRate.perSecond(8_000_000, 0, 400_000, 2 * SECOND)).isEqualTo(OptionalDouble.of(200_000));
  }

  @Test
  void givesNoRateWithoutElapsedTimeOrWithBadValues() {
    assertThat(CounterRate.perSecond(1, 5, 2, 5)).isEmpty();
    assertThat(CounterRate.perSecond(1, 5, 2, 4)).isEmpty();
    assertThat(CounterRate.perSecond(Double.NaN, 0, 2, SECOND)).isEmpty();
    assertThat(CounterRate.perSecond(1, 0, Double.POSITIVE_INFINITY, SECOND)).isEmpty();
    assertThat(CounterRate.perSecond(1, 0, -2, SECOND)).isEmpty();
  }

  @Property
  void isNeverNegative(
      @ForAll @DoubleRange(min = 0, max = 1e12) double previous, @ForAll @DoubleRange(min = 0, max = 1e12) double current,
      @ForAll @LongRange(min = 1, max = 3_600_000_000_000L) long elapsedNanos) {
    assertThat(CounterRate.perSecond(previous, 0, current, elapsedNanos).orElseThrow()).isGreaterThanOrEqualTo(0);
  }
}
