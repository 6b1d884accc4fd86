package io.tbms.broker.admission;

/**
 * Who may start a model call under load, as a pure function of the limit {@code L} and the model
 * calls in flight {@code n}.
 *
 * <p>Priority {@code p} runs from 0 (most important) to 9 (least). Each priority has a share of
 * the limit, {@code share(p) = 1 − p × (1 − lowestShare) / 9}; with the default {@code
 * lowestShare = 0.55} that is {@code 1 − p/20}: priority 9 is shed from 55% of the limit, priority
 * 0 only at the limit. A query of priority {@code p} is
 *
 * <ul>
 *   <li>rejected when {@code n >= L} — not even its cheapest entry could run;
 *   <li>shed when {@code n >= L × share(p)} — it may run only its cheapest entry (lowest
 *       estimate), and only while {@code n < L};
 *   <li>admitted otherwise.
 * </ul>
 *
 * <p>A model call may start when {@code n < L} and either the query is not shed or the call is its
 * cheapest entry. So nothing starts beyond the limit, and shedding is monotone in priority: a
 * query is never shed while a less important one at the same load is admitted.
 *
 * <p>Immutable and thread-safe.
 */
public final class PriorityShedding {

  public static final int MOST_IMPORTANT = 0;
  public static final int LEAST_IMPORTANT = 9;

  private final double step;

  /** @param lowestShare priority 9's share of the limit, in {@code (0, 1]} */
  public PriorityShedding(double lowestShare) {
    if (!(lowestShare > 0 && lowestShare <= 1)) {
      throw new IllegalArgumentException("lowestShare must be in (0, 1], was " + lowestShare);
    }
    this.step = (1 - lowestShare) / LEAST_IMPORTANT;
  }

  public static PriorityShedding ofDefaults() {
    return new PriorityShedding(AdmissionConfig.DEFAULT_LOWEST_SHARE);
  }

  /** The share of the limit a priority may use before it is shed, in {@code (0, 1]}. */
  public double share(int priority) {
    check(priority);
    return 1 - priority * step;
  }

  /** The verdict for a query of {@code priority} with {@code inflight} calls under {@code limit}. */
  public Verdict verdict(int priority, int inflight, int limit) {
    check(priority);
    if (inflight >= limit) {
      return new Verdict.Reject(inflight, limit);
    }
    if (inflight >= limit * share(priority)) {
      return new Verdict.Shed(inflight, limit);
    }
    return new Verdict.Admit(inflight, limit);
  }

  /** Whether one more model call may start; {@code cheapestEntry}: the query's lowest-estimate entry. */
  public boolean mayStart(int priority, boolean cheapestEntry, int inflight, int limit) {
    check(priority);
    if (inflight >= limit) {
      return false;
    }
    return cheapestEntry || inflight < limit * share(priority);
  }

  private static void check(int priority) {
    if (priority < MOST_IMPORTANT || priority > LEAST_IMPORTANT) {
      throw new IllegalArgumentException(
          "priority must be within " + MOST_IMPORTANT + ".." + LEAST_IMPORTANT + ", was " + priority);
    }
  }
}
