package io.tbms.broker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FireScheduleTest {

  private static final List<ChainEntry> SEED_CHAIN = List.of(
      ChainEntry.ofMillis("embedding", 35), ChainEntry.ofMillis("svm", 25),
      ChainEntry.ofMillis("bayes", 15), ChainEntry.ofMillis("keyword", 5));

  @Test
  void firesEachBackupWhenTheEntriesBeforeItRunPastTheirEstimates() {
    FireSchedule schedule = FireSchedule.of(SEED_CHAIN, Duration.ofMillis(100));
    assertThat(schedule.offsetNanos(0)).isZero();
    assertThat(schedule.offsetNanos(1)).isEqualTo(Duration.ofMillis(35).toNanos());
    assertThat(schedule.offsetNanos(2)).isEqualTo(Duration.ofMillis(60).toNanos());
    assertThat(schedule.offsetNanos(3)).isEqualTo(Duration.ofMillis(75).toNanos());
  }

  @Test
  void plansNothingPastTheBudget() {
    FireSchedule schedule = FireSchedule.of(SEED_CHAIN, Duration.ofMillis(50));
    assertThat(schedule.offsetNanos(1)).isEqualTo(Duration.ofMillis(35).toNanos());
    assertThat(schedule.offsetNanos(2)).isEqualTo(Duration.ofMillis(50).toNanos());
    assertThat(schedule.offsetNanos(3)).isEqualTo(Duration.ofMillis(50).toNanos());
  }

  @Test
  void refusesAnEmptyChainAndANonPositiveBudget() {
    assertThatThrownBy(() -> FireSchedule.of(List.of(), Duration.ofMillis(5))).hasMessageContaining("chain");
    assertThatThrownBy(() -> FireSchedule.of(SEED_CHAIN, Duration.ZERO)).hasMessageContaining("budget");
    assertThatThrownBy(() -> ChainEntry.ofMillis("svm", -1)).hasMessageContaining("estimate must be >= 0");
  }

  @Property
  void fireTimesStartAtZeroNeverDecreaseAndNeverPassTheBudget(
      @ForAll @Size(min = 1, max = 16) List<@IntRange(min = 0, max = 60_000) Integer> estimates,
      @ForAll @IntRange(min = 1, max = 60_000) int budgetMillis) {
    List<ChainEntry> chain = new ArrayList<>();
    for (int i = 0; i < estimates.size(); i++) {
      chain.add(ChainEntry.ofMillis("m" + i, estimates.get(i)));
    }
    FireSchedule schedule = FireSchedule.of(chain, Duration.ofMillis(budgetMillis));
    assertThat(schedule.offsetNanos(0)).isZero();
    for (int i = 1; i < schedule.size(); i++) {
      assertThat(schedule.offsetNanos(i)).isGreaterThanOrEqualTo(schedule.offsetNanos(i - 1));
      assertThat(schedule.offsetNanos(i)).isLessThanOrEqualTo(Duration.ofMillis(budgetMillis).toNanos());
    }
  }
}
