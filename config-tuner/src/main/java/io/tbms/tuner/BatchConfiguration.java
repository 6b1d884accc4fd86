package io.tbms.tuner;

import java.util.Comparator;
import java.util.Locale;

/**
 * One candidate: batch size {@code b} on {@code r} replicas (one device each) for {@code q} QPS in
 * all, evaluated with the {@link BatchFormulas}: each replica gets {@code q / r}, can serve
 * {@code QPS_max(b) = (1000 / T(b)) × b}, is {@code occupancy = (q / r) / QPS_max(b)} busy, and
 * answers after {@code Lag(b, q / r) = T(b) + (1000 / (q / r)) × (b − 1) / 2} ms on average.
 *
 * <p>{@link #PREFERENCE} orders candidates the way the tuner chooses: fewest replicas (devices)
 * first, then the lowest lag, then the smaller batch. Immutable.
 *
 * @param batchSize {@code b}, at least 1
 * @param replicas {@code r}, at least 1
 * @param batchTimeMillis {@code T(b)} in ms
 * @param batchTimeMeasured whether {@code T(b)} was measured rather than taken from the fit
 * @param qpsPerReplica {@code q / r}, queries per second
 * @param qpsMax {@code QPS_max(b)} of one replica, queries per second
 * @param occupancy {@code (q / r) / QPS_max(b)}; above 1 the replica is saturated
 * @param lagMillis {@code Lag(b, q / r)} in ms; {@code NaN} when saturated, where it is not defined
 */
public record BatchConfiguration(int batchSize, int replicas, double batchTimeMillis, boolean batchTimeMeasured,
    double qpsPerReplica, double qpsMax, double occupancy, double lagMillis) {

  /** Fewest replicas, then lowest lag, then smallest batch. */
  public static final Comparator<BatchConfiguration> PREFERENCE = Comparator
      .comparingInt(BatchConfiguration::replicas)
      .thenComparingDouble(BatchConfiguration::lagMillis)
      .thenComparingInt(BatchConfiguration::batchSize);

  public BatchConfiguration {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be >= 1, was " + replicas);
    }
  }

  /** Evaluates {@code b} on {@code r} replicas for {@code qps} in all, with {@code T(b) = batchTimeMillis}. */
  public static BatchConfiguration evaluate(int batchSize, int replicas, double batchTimeMillis, boolean measured,
      double qps) {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be >= 1, was " + replicas);
    }
    double perReplica = qps / replicas;
    double qpsMax = BatchFormulas.qpsMax(batchSize, batchTimeMillis);
    double lag = BatchFormulas.saturated(batchSize, batchTimeMillis, perReplica)
        ? Double.NaN
        : BatchFormulas.lagMillis(batchSize, batchTimeMillis, perReplica);
    return new BatchConfiguration(batchSize, replicas, batchTimeMillis, measured, perReplica, qpsMax,
        perReplica / qpsMax, lag);
  }

  /** Whether the replica keeps up. */
  public boolean saturated() {
    return Double.isNaN(lagMillis);
  }

  /** Whether the lag is within {@code lagTargetMillis} and occupancy within {@code headroom}. */
  public boolean meets(double lagTargetMillis, double headroom) {
    return !saturated() && occupancy <= headroom && lagMillis <= lagTargetMillis;
  }

  /**
   * One line with the numbers, e.g. {@code b=8 on 2 replicas: T(8)=22.0 ms, QPS_max 364/replica,
   * q 150/replica (41%), lag 45.3 ms <= 50 ms}; {@code (fit)} follows a batch time not measured.
   */
  public String explain(double lagTargetMillis) {
    return String.format(Locale.ROOT, "b=%d on %s: T(%d)=%.1f ms%s, QPS_max %.0f/replica, q %.0f/replica (%.0f%%), %s",
        batchSize, replicasText(replicas), batchSize, batchTimeMillis, batchTimeMeasured ? "" : " (fit)", qpsMax,
        qpsPerReplica, occupancy * 100,
        saturated() ? "saturated, lag not defined" : String.format(Locale.ROOT, "lag %.1f ms %s %s ms", lagMillis,
            lagMillis <= lagTargetMillis ? "<=" : ">", millis(lagTargetMillis)));
  }

  static String replicasText(int count) {
    return count == 1 ? "1 replica" : count + " replicas";
  }

  /** {@code 35} for 35.0, {@code 35.5} for 35.5: targets read as they were given. */
  static String millis(double value) {
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
  }
}
