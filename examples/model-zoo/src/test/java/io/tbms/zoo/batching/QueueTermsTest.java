package io.tbms.zoo.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueueTermsTest {

  @Test
  void theDeadlineIsTheTimeoutAfterQueuingAndNoneWithoutOne() {
    assertThat(new QueueTerms(0, 1_500).deadlineNanos(1_000)).isEqualTo(1_501_000);
    assertThat(QueueTerms.NONE.deadlineNanos(1_000)).isEqualTo(Long.MAX_VALUE);
    assertThat(new QueueTerms(0, Long.MAX_VALUE).deadlineNanos(1_000)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void theShorterOfTwoTimeoutsApplies() {
    assertThat(new QueueTerms(2, 5_000).withTimeoutAtMost(3_000)).isEqualTo(new QueueTerms(2, 3_000));
    assertThat(new QueueTerms(2, 5_000).withTimeoutAtMost(9_000)).isEqualTo(new QueueTerms(2, 5_000));
    assertThat(new QueueTerms(2, 0).withTimeoutAtMost(9_000)).isEqualTo(new QueueTerms(2, 9_000));
    assertThat(new QueueTerms(2, 5_000).withTimeoutAtMost(0)).isEqualTo(new QueueTerms(2, 5_000));
  }

  @Test
  void refusesNegativeValuesNamingTheParameter() {
    assertThatThrownBy(() -> new QueueTerms(-1, 0)).hasMessageContaining("priority");
    assertThatThrownBy(() -> new QueueTerms(0, -1)).hasMessageContaining("timeout");
  }
}
