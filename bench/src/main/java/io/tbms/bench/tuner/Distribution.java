package io.tbms.bench.tuner;

import java.util.Arrays;
import java.util.stream.DoubleStream;

/** Summary numbers of a set of values (gaps, shares): count, mean, max and the share within a bound. Immutable. */
final class Distribution {

  private final double[] sorted;

  private Distribution(double[] sorted) {
    this.sorted = sorted;
  }

  static Distribution of(DoubleStream values) {
    double[] array = values.toArray();
    Arrays.sort(array);
    return new Distribution(array);
  }

  int count() {
    return sorted.length;
  }

  /** The mean; 0 when empty. */
  double mean() {
    return sorted.length == 0 ? 0 : Arrays.stream(sorted).sum() / sorted.length;
  }

  /** The largest value; 0 when empty. */
  double max() {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }

  /** The median (lower middle); 0 when empty. */
  double median() {
    return sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2];
  }

  /** How many values are at most {@code bound}. */
  int countAtMost(double bound) {
    int count = 0;
    for (double v : sorted) {
      if (v <= bound) {
        count++;
      }
    }
    return count;
  }

  /** The share of values at most {@code bound}, in %; 100 when empty. */
  double percentAtMost(double bound) {
    return sorted.length == 0 ? 100 : 100.0 * countAtMost(bound) / sorted.length;
  }
}
