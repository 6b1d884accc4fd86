package io.tbms.tuner.watch;

/**
 * When {@code watch} re-tunes, so that it does not flap: a pure decision on the observed QPS.
 *
 * <p>Re-tuning is considered only once the QPS has moved by at least {@code band} (a fraction)
 * from the QPS of the last applied plan, and it happens only when the new choice differs from the
 * one applied and has been the choice for {@code confirmations} observations in a row. A QPS that
 * wanders inside the band, or a choice that comes and goes, changes nothing.
 *
 * <p>Not thread-safe: one watch loop owns it.
 */
public final class Hysteresis {

  private final double band;
  private final int confirmations;
  private double appliedQps = Double.NaN;
  private int appliedBatchSize;
  private int pendingBatchSize;
  private int pendingCount;

  /**
   * @param band the relative QPS change that wakes the tuner, e.g. 0.25 for 25%; in (0, 10]
   * @param confirmations how many observations in a row a new choice must hold, at least 1
   */
  public Hysteresis(double band, int confirmations) {
    if (!(band > 0 && band <= 10)) {
      throw new IllegalArgumentException("band must be in (0, 10], was " + band);
    }
    if (confirmations < 1) {
      throw new IllegalArgumentException("confirmations must be >= 1, was " + confirmations);
    }
    this.band = band;
    this.confirmations = confirmations;
  }

  /** Whether {@code qps} has moved out of the band around the last applied QPS (always, before any). */
  public boolean moved(double qps) {
    return Double.isNaN(appliedQps) || Math.abs(qps - appliedQps) >= band * Math.max(appliedQps, 1e-9);
  }

  /**
   * One observation: the QPS and the batch size the tuner would choose for it. True when it should
   * be applied now; the caller then calls {@link #applied}.
   */
  public boolean observe(double qps, int chosenBatchSize) {
    if (!moved(qps) || chosenBatchSize == appliedBatchSize) {
      pendingCount = 0;
      return false;
    }
    if (chosenBatchSize == pendingBatchSize) {
      pendingCount++;
    } else {
      pendingBatchSize = chosenBatchSize;
      pendingCount = 1;
    }
    return pendingCount >= confirmations;
  }

  /** Records what was applied (also at start, for the batch size found in place). */
  public void applied(double qps, int batchSize) {
    appliedQps = qps;
    appliedBatchSize = batchSize;
    pendingBatchSize = 0;
    pendingCount = 0;
  }

  public int appliedBatchSize() {
    return appliedBatchSize;
  }
}
