package io.tbms.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void advancesMonotonicAndWallTimeTogether() {
    ManualClock clock = new ManualClock(1_000L);
    clock.advance(Duration.ofMillis(250));
    assertThat(clock.nanoTime()).isEqualTo(250_000_000L);
    assertThat(clock.wallMillis()).isEqualTo(1_250L);
  }

  @Test
  void refusesToGoBackwards() {
    ManualClock clock = new ManualClock();
    assertThatThrownBy(() -> clock.advance(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step must be >= 0");
  }
}
