package io.tbms.broker.downgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DowngradePolicyTest {

  private static final long MS = 1_000_000L;
  private final DowngradePolicy policy = new DowngradePolicy(0.2);

  @Test
  void firesAnEntryWithAFairChanceEvenWhenItMayMiss() {
    assertThat(policy.check(0.2, false, false, false)).isEmpty();
    assertThat(policy.check(0.6, false, false, false)).isEmpty();
  }

  @Test
  void skipsAnEntryWhoseChanceIsBelowTheThresholdWhileABackupRemains() {
    assertThat(policy.check(0.19, false, false, false)).contains(SkipReason.LAG);
  }

  @Test
  void theLastEntryFiresAtAnyChanceAboveZero() {
    assertThat(policy.check(0.01, true, false, false)).isEmpty();
    assertThat(policy.check(0, true, false, false)).contains(SkipReason.LAG);
  }

  @Test
  void aModelNotSeenLatelyHasItsExpectedLatencysChance() {
    assertThat(DowngradePolicy.chanceByExpected(35 * MS, 40 * MS)).isEqualTo(1);
    assertThat(DowngradePolicy.chanceByExpected(35 * MS, 20 * MS)).isZero();
  }

  @Test
  void anOpenCircuitWinsOverEverythingElse() {
    assertThat(policy.check(1, true, true, true)).contains(SkipReason.CIRCUIT);
  }

  @Test
  void shedsBeforeLookingAtTheChance() {
    assertThat(policy.check(1, false, false, true)).contains(SkipReason.SHED);
  }

  @Test
  void refusesAThresholdOutsideZeroToOne() {
    assertThatThrownBy(() -> new DowngradePolicy(1.5)).hasMessageContaining("minChance must be in [0, 1], was 1.5");
    assertThatThrownBy(() -> new DowngradePolicy(Double.NaN)).hasMessageContaining("minChance");
  }
}
