package io.tbms.report.internal;

import io.tbms.report.BucketCounts;
import io.tbms.report.LagHistograms;
import org.HdrHistogram.Histogram;

/** One model's lag samples in an open bucket. Not thread-safe: the recorder guards it. */
final class LagTally {

  private long count;
  private long sumMicros;
  private final Histogram histogram = LagHistograms.create();

  void record(long lagNanos) {
    long micros = Math.max(0, lagNanos / 1_000);
    count++;
    sumMicros += micros;
    histogram.recordValue(LagHistograms.clamp(micros));
  }

  BucketCounts.LagCounts freeze() {
    return new BucketCounts.LagCounts(count, sumMicros, LagHistograms.encode(histogram));
  }
}
