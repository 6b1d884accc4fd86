package io.tbms.tuner;

/**
 * The batching formulas, for a model whose batch of {@code b} items takes {@code T(b)} ms and whose
 * replica receives {@code q} queries per second:
 *
 * <ul>
 *   <li>{@code QPS_max(b) = (1000 / T(b)) × b}: the most queries per second one replica serves with
 *       full batches; e.g. b = 10, T = 20 ms → 500 QPS.
 *   <li>{@code Lag(b, q) = T(b) + (1000 / q) × (b − 1) / 2}: the mean time from a query's arrival to
 *       its answer, the batch time plus the mean wait for the batch to fill; e.g. T = 20 ms, q = 200,
 *       b = 4 → 27.5 ms. Defined while {@code q <= QPS_max(b)}; above it the queue grows without bound.
 *   <li>at saturation ({@code q = QPS_max(b)}): {@code Lag / T = 1 + (b − 1) / (2b)}, at most 1.5.
 * </ul>
 *
 * <p>Times are in milliseconds as {@code double}s (the formulas give fractional milliseconds), rates
 * in queries per second. Pure and stateless; safe from any thread. Arguments are checked: a batch
 * size below 1, a batch time or a rate that is not a positive finite number is rejected with an
 * {@link IllegalArgumentException} naming it.
 */
public final class BatchFormulas {

  private BatchFormulas() {}

  /** {@code QPS_max(b) = (1000 / T(b)) × b}, in queries per second. */
  public static double qpsMax(int batchSize, double batchTimeMillis) {
    checkBatchSize(batchSize);
    checkPositive("batchTimeMillis", batchTimeMillis);
    return 1000.0 / batchTimeMillis * batchSize;
  }

  /**
   * {@code Lag(b, q) = T(b) + (1000 / q) × (b − 1) / 2}, in ms. The formula is evaluated for any
   * positive {@code q}; callers check {@link #saturated} first, since above {@code QPS_max} the lag is
   * not defined.
   */
  public static double lagMillis(int batchSize, double batchTimeMillis, double qps) {
    checkBatchSize(batchSize);
    checkPositive("batchTimeMillis", batchTimeMillis);
    checkPositive("qps", qps);
    return batchTimeMillis + fillWaitMillis(batchSize, qps);
  }

  /** {@code (1000 / q) × (b − 1) / 2}: the mean wait for a batch of {@code b} to fill at {@code q} QPS, in ms. */
  public static double fillWaitMillis(int batchSize, double qps) {
    checkBatchSize(batchSize);
    checkPositive("qps", qps);
    return 1000.0 / qps * (batchSize - 1) / 2.0;
  }

  /** {@code 1 + (b − 1) / (2b)}: {@code Lag / T} when {@code q = QPS_max(b)}. */
  public static double saturationLagRatio(int batchSize) {
    checkBatchSize(batchSize);
    return 1.0 + (batchSize - 1) / (2.0 * batchSize);
  }

  /** Whether {@code q > QPS_max(b)}: the replica cannot keep up and {@code Lag} is not defined. */
  public static boolean saturated(int batchSize, double batchTimeMillis, double qps) {
    checkPositive("qps", qps);
    return qps > qpsMax(batchSize, batchTimeMillis);
  }

  /** {@code q / QPS_max(b)}: the share of a replica's capacity that {@code q} QPS uses (may exceed 1). */
  public static double occupancy(int batchSize, double batchTimeMillis, double qps) {
    checkPositive("qps", qps);
    return qps / qpsMax(batchSize, batchTimeMillis);
  }

  static void checkBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
  }

  static void checkPositive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a positive number, was " + value);
    }
  }
}
