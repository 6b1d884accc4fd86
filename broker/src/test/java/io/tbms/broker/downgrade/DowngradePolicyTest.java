package io.tbms.broker.downgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DowngradePolicyTest {

  private static final long MS = 1_000_000L;
  private final DowngradePolicy policy = new DowngradePolicy();

  @Test
  void firesAModelWhoseObservedLagFitsTheTimeLeft() {
    assertThat(policy.check(35 * MS, OptionalLong.of(30 * MS), false, false, 40 * MS)).isEmpty();
  }

  @Test
  void skipsAModelWhoseObservedLagNoLongerFits() {
    assertThat(policy.check(35 * MS, OptionalLong.of(45 * MS), false, false, 40 * MS)).contains(SkipReason.LAG);
  }

  @Test
  void trustsAModelWithNoHistoryAtItsEstimate() {
    assertThat(policy.check(35 * MS, OptionalLong.empty(), false, false, 40 * MS)).isEmpty();
    assertThat(policy.check(35 * MS, OptionalLong.empty(), false, false, 20 * MS)).contains(SkipReason.LAG);
  }

  @Test
  void anOpenCircuitWinsOverEverythingElse() {
    assertThat(policy.check(5 * MS, OptionalLong.of(MS), true, true, 40 * MS)).contains(SkipReason.CIRCUIT);
  }

  @Test
  void shedsBeforeLookingAtLag() {
    assertThat(policy.check(5 * MS, OptionalLong.of(MS), false, true, 40 * MS)).contains(SkipReason.SHED);
  }
}
