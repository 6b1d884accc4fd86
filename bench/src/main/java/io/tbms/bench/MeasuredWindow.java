package io.tbms.bench;

import java.time.Duration;
import java.util.Random;

/**
 * Which queries of the {@link QuerySet} a run measures: query {@code i} is the {@code i}-th
 * arrival of the run's seeded {@link PoissonSchedule}, and it is measured when it is intended at or
 * after the warm-up and before the run's end. {@link OpenLoopRunner} walks the same schedule, so
 * every target of a cell sends, and measures, the same utterances: indices {@code [from, to)},
 * cycling through the query set. Pure.
 *
 * @param from the first measured query index
 * @param to one past the last
 */
record MeasuredWindow(long from, long to) {

  MeasuredWindow {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("0 <= from <= to must hold, was " + from + ", " + to);
    }
  }

  /**
   * Replays the schedule of a run.
   *
   * @param ratePerSecond the offered rate, queries per second
   * @param seed the run's seed
   * @param warmup the unmeasured start of the run
   * @param duration the measured part
   */
  static MeasuredWindow of(double ratePerSecond, long seed, Duration warmup, Duration duration) {
    PoissonSchedule schedule = new PoissonSchedule(ratePerSecond, new Random(seed));
    long measureFromNanos = warmup.toNanos();
    long endNanos = measureFromNanos + duration.toNanos();
    long index = 0;
    long from = -1;
    for (long offset = schedule.nextNanos(); offset < endNanos; offset = schedule.nextNanos()) {
      if (from < 0 && offset >= measureFromNanos) {
        from = index;
      }
      index++;
    }
    return new MeasuredWindow(from < 0 ? index : from, index);
  }

  /** How many queries the window measures. */
  long size() {
    return to - from;
  }
}
