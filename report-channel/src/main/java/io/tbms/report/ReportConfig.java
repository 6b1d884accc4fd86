package io.tbms.report;

import java.time.Duration;
import java.util.Objects;

/**
 * How the report channel aggregates. Counts fall into buckets of {@code bucket} wall-clock time
 * (aligned to the epoch, so every broker of a cluster cuts them alike); the views cover the last
 * {@code buckets} of them.
 *
 * @param bucket the width of one bucket (default 10 s)
 * @param buckets how many buckets the window holds (default 60: ten minutes)
 * @param recentBuckets the buckets behind the "recent" lag quantiles (default 6: one minute)
 * @param rateBuckets the buckets behind queries/s and shed/s (default 3: thirty seconds)
 * @param publishPeriod how often a broker shares its counts with the cluster (default 1 s)
 */
public record ReportConfig(Duration bucket, int buckets, int recentBuckets, int rateBuckets, Duration publishPeriod) {

  public static final Duration DEFAULT_BUCKET = Duration.ofSeconds(10);
  public static final int DEFAULT_BUCKETS = 60;
  public static final int DEFAULT_RECENT_BUCKETS = 6;
  public static final int DEFAULT_RATE_BUCKETS = 3;
  public static final Duration DEFAULT_PUBLISH_PERIOD = Duration.ofSeconds(1);

  public ReportConfig {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(publishPeriod, "publishPeriod");
    if (bucket.toMillis() < 1) {
      throw new IllegalArgumentException("bucket must be >= 1ms, was " + bucket);
    }
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be >= 1, was " + buckets);
    }
    if (recentBuckets < 1 || recentBuckets > buckets) {
      throw new IllegalArgumentException("recentBuckets must be in 1.." + buckets + ", was " + recentBuckets);
    }
    if (rateBuckets < 1 || rateBuckets > buckets) {
      throw new IllegalArgumentException("rateBuckets must be in 1.." + buckets + ", was " + rateBuckets);
    }
    if (publishPeriod.toMillis() < 1) {
      throw new IllegalArgumentException("publishPeriod must be >= 1ms, was " + publishPeriod);
    }
  }

  public static ReportConfig ofDefaults() {
    return new ReportConfig(DEFAULT_BUCKET, DEFAULT_BUCKETS, DEFAULT_RECENT_BUCKETS, DEFAULT_RATE_BUCKETS,
        DEFAULT_PUBLISH_PERIOD);
  }

  public long bucketMillis() {
    return bucket.toMillis();
  }

  /** The window the views cover. */
  public Duration window() {
    return bucket.multipliedBy(buckets);
  }
}
