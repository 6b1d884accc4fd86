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

  private static final long MS = 1_000_000L;
  private static final List<ChainEntry> SEED_CHAIN = List.of(
      ChainEntry.ofMillis("embedding", 35), ChainEntry.ofMillis("svm", 25),
      ChainEntry.ofMillis("bayes", 15), ChainEntry.ofMillis("keyword", 5));

  private static List<ChainEntry> chain(double... expectedMillis) {
    List<ChainEntry> chain = new ArrayList<>();
    for (int i = 0; i < expectedMillis.length; i++) {
      chain.add(ChainEntry.ofMillis("m" + i, expectedMillis[i]));
    }
    return chain;
  }

  private static List<Long> offsetsMillis(FireSchedule schedule) {
    List<Long> offsets = new ArrayList<>();
    for (int i = 0; i < schedule.size(); i++) {
      offsets.add(schedule.offsetNanos(i) / MS);
    }
    return offsets;
  }

  @Test
  void withRoomEachBackupFiresWhenTheEntryBeforeItRunsPastItsExpectedLatency() {
    assertThat(offsetsMillis(FireSchedule.of(SEED_CHAIN, Duration.ofMillis(199)))).containsExactly(0L, 35L, 60L, 75L);
  }

  @Test
  void aBackupFiresByItsLatestUsefulStartWhenWaitingLongerLeavesItNoTime() {
    // deadline 49 ms, 1 ms to send and take: svm by 48 - 25, bayes by 48 - 15, keyword by 48 - 5
    assertThat(offsetsMillis(FireSchedule.of(SEED_CHAIN, Duration.ofMillis(49)))).containsExactly(0L, 23L, 33L, 43L);
  }

  @Test
  void aSlowFirstEntryWaitsUntilTheFastBackupsLatestStart() {
    // the idle case: budget 40, embedding's observed 38 ms, the others ~1-2 ms: nothing
    // planned at or past the deadline, every backup keeps the time it needs
    assertThat(offsetsMillis(FireSchedule.of(chain(38, 2, 1, 0.5), Duration.ofMillis(39))))
        .containsExactly(0L, 36L, 37L, 37L);
  }

  @Test
  void anEntryThatCannotMakeItEvenAtOnceFiresAtOnce() {
    assertThat(offsetsMillis(FireSchedule.of(chain(10, 60), Duration.ofMillis(49)))).containsExactly(0L, 0L);
  }

  @Test
  void aBetterEntryNeverFiresAfterAWorseOne() {
    // m2 (slow) must start by 8 ms; m1 would wait until 10: it fires at 8 too
    assertThat(offsetsMillis(FireSchedule.of(chain(10, 1, 40), Duration.ofMillis(49)))).containsExactly(0L, 8L, 8L);
  }

  @Test
  void refusesAnEmptyChainAndNoTimeUntilTheDeadline() {
    assertThatThrownBy(() -> FireSchedule.of(List.of(), Duration.ofMillis(5))).hasMessageContaining("chain");
    assertThatThrownBy(() -> FireSchedule.of(SEED_CHAIN, Duration.ZERO)).hasMessageContaining("deadline");
    assertThatThrownBy(() -> ChainEntry.ofMillis("svm", -1)).hasMessageContaining("estimate must be >= 0");
  }

  @Property
  void fireTimesStartAtZeroNeverDecreaseAndLeaveEachEntryItsExpectedLatencyWherePossible(
      @ForAll @Size(min = 1, max = 16) List<@IntRange(min = 0, max = 60_000) Integer> expected,
      @ForAll @IntRange(min = 1, max = 60_000) int deadlineMillis) {
    List<ChainEntry> entries = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      entries.add(ChainEntry.ofMillis("m" + i, expected.get(i)));
    }
    FireSchedule schedule = FireSchedule.of(entries, Duration.ofMillis(deadlineMillis));
    long deadline = deadlineMillis * MS;
    assertThat(schedule.offsetNanos(0)).isZero();
    for (int i = 0; i < schedule.size(); i++) {
      long fire = schedule.offsetNanos(i);
      long latestStart = deadline - entries.get(i).estimate().toNanos() - FireSchedule.START_SLACK_MILLIS * MS;
      if (i > 0) {
        assertThat(fire).isGreaterThanOrEqualTo(schedule.offsetNanos(i - 1));
        // never later than when the entry before it runs past its expected latency
        assertThat(fire).isLessThanOrEqualTo(schedule.offsetNanos(i - 1) + entries.get(i - 1).estimate().toNanos());
      }
      // by its latest useful start, or at once when even that has passed
      assertThat(fire).isLessThanOrEqualTo(Math.max(0, latestStart));
    }
  }
}
