package io.tbms.broker.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UrgencyTest {

  private static final long MS = 1_000_000L;

  @Test
  void theTimeLeftIsInWholeMicrosecondsAndNeverZero() {
    Urgency urgency = new Urgency(50 * MS, 5);
    assertThat(urgency.timeoutMicros(10 * MS)).hasValue(40_000);
    assertThat(urgency.timeoutMicros(50 * MS - 1_999)).hasValue(1);
    assertThat(urgency.timeoutMicros(60 * MS)).hasValue(1); // already past: the server drops it at once
    assertThat(Urgency.NONE.timeoutMicros(10 * MS)).isEmpty();
  }

  @Test
  void brokerPrioritiesBecomeTritonLevelsOneToTen() {
    assertThat(new Urgency(0, 0).tritonPriority()).isEqualTo(1);
    assertThat(new Urgency(0, 5).tritonPriority()).isEqualTo(6);
    assertThat(new Urgency(0, 9).tritonPriority()).isEqualTo(10);
    assertThat(Urgency.NONE.tritonPriority()).isZero();
  }

  @Test
  void aSharedCallTakesTheLatestDeadlineAndTheMostImportantPriority() {
    assertThat(new Urgency(30 * MS, 5).join(new Urgency(50 * MS, 7))).isEqualTo(new Urgency(50 * MS, 5));
    assertThat(new Urgency(30 * MS, -1).join(new Urgency(20 * MS, 7))).isEqualTo(new Urgency(30 * MS, 7));
    assertThat(new Urgency(30 * MS, 4).join(Urgency.NONE)).isEqualTo(new Urgency(Long.MAX_VALUE, 4));
  }

  @Test
  void refusesAPriorityOutsideTheBrokersRange() {
    assertThatThrownBy(() -> new Urgency(0, 10)).hasMessageContaining("priority");
    assertThatThrownBy(() -> new Urgency(0, -2)).hasMessageContaining("priority");
  }
}
