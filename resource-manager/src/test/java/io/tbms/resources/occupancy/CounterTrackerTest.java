package io.tbms.resources.occupancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.common.time.ManualClock;
import io.tbms.resources.prometheus.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterTrackerTest {

  private final ManualClock clock = new ManualClock();
  private final CounterTracker tracker = new CounterTracker();

  private static Sample count(String model, double value) {
    return new Sample("nv_inference_exec_count", Map.of("model", model, "version", "1"), value);
  }

  private static SeriesKey key(String model) {
    return new SeriesKey("nv_inference_exec_count", Map.of("model", model, "version", "1"));
  }

  @Test
  void firstScrapeGivesNoRate() {
    assertThat(tracker.observe(List.of(count("svm", 10)), clock.nanoTime())).isEmpty();
  }

  @Test
  void secondScrapeGivesTheRatePerSeries() {
    tracker.observe(List.of(count("svm", 10), count("bayes", 0)), clock.nanoTime());
    clock.advanceMillis(500);
    assertThat(tracker.observe(List.of(count("svm", 60), count("bayes", 5)), clock.nanoTime()))
        .containsExactlyInAnyOrderEntriesOf(Map.of(key("svm"), 100.0, key("bayes"), 10.0));
  }

  @Test
  void aResetCountsTheNewValueAsTheIncrease() {
    tracker.observe(List.of(count("svm", 1_000)), clock.nanoTime());
    clock.advanceMillis(1_000);
    assertThat(tracker.observe(List.of(count("svm", 30)), clock.nanoTime())).containsEntry(key("svm"), 30.0);
  }

  @Test
  void aSeriesThatDisappearsStartsOverWhenItReturns() {
    tracker.observe(List.of(count("svm", 10)), clock.nanoTime());
    clock.advanceMillis(1_000);
    assertThat(tracker.observe(List.of(), clock.nanoTime())).isEmpty();
    clock.advanceMillis(1_000);
    assertThat(tracker.observe(List.of(count("svm", 20)), clock.nanoTime())).isEmpty();
  }

  @Test
  void aNanReadingGivesNoRateAndIsNotKept() {
    tracker.observe(List.of(count("svm", 10)), clock.nanoTime());
    clock.advanceMillis(1_000);
    assertThat(tracker.observe(List.of(count("svm", Double.NaN)), clock.nanoTime())).isEmpty();
    clock.advanceMillis(1_000);
    assertThat(tracker.observe(List.of(count("svm", 30)), clock.nanoTime())).isEmpty();
  }

  @Test
  void aRepeatedScrapeAtTheSameInstantKeepsTheOlderBase() {
    tracker.observe(List.of(count("svm", 10)), clock.nanoTime());
    clock.advanceMillis(1_000);
    tracker.observe(List.of(count("svm", 20)), clock.nanoTime());
    assertThat(tracker.observe(List.of(count("svm", 25)), clock.nanoTime())).isEmpty();
    clock.advanceMillis(1_000);
    assertThat(tracker.observe(List.of(count("svm", 30)), clock.nanoTime())).containsEntry(key("svm"), 10.0);
  }
}
