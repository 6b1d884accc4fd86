package io.tbms.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How one query runs: its time budget and the seed's {@code crossRequest}, {@code crossLag},
 * priority, completion policy and task name. Immutable; start from {@link #budget(Duration)} and
 * change with the {@code with*} copies:
 *
 * <pre>{@code
 * TryOptions.budget(Duration.ofMillis(50)).withPriority(3).withTask("faq")
 * }</pre>
 *
 * <p>Durations travel in whole milliseconds (sub-millisecond parts are dropped). The broker answers
 * by {@code budget} after the request's arrival; the client waits {@code budget} plus its
 * {@linkplain TbmsClient.Builder#timeoutMargin timeout margin} at most.
 *
 * @param budget the whole time budget, {@value #MIN_BUDGET_MS} ms .. {@value #MAX_BUDGET_MS} ms (the seed's {@code tloc})
 * @param crossRequest may the query share a batch with other callers' queries
 * @param crossLag how long the query may wait for a shared batch to fill, {@code 0 .. budget}
 * @param priority 0 = most important .. {@value #MAX_PRIORITY} = least; under overload the largest are shed
 *     first; null (the default) sends none, so the broker's {@code default_priority} (5 unless
 *     configured) applies
 * @param policy how the query completes
 * @param task a name for reporting (the dashboard's "Task A"), or null for the broker's default (the instance)
 */
public record TryOptions(Duration budget, boolean crossRequest, Duration crossLag, Integer priority, Policy policy,
    String task) {

  public static final int MIN_BUDGET_MS = 1;
  public static final int MAX_BUDGET_MS = 60_000;
  public static final int MAX_PRIORITY = 9;
  public static final boolean DEFAULT_CROSS_REQUEST = true;
  /** The default {@code crossLag}, or the budget when that is shorter. */
  public static final Duration DEFAULT_CROSS_LAG = Duration.ofMillis(10);
  public static final Policy DEFAULT_POLICY = Policy.FIRST;

  public TryOptions {
    Objects.requireNonNull(budget, "budget must not be null");
    if (budget.compareTo(Duration.ofMillis(MIN_BUDGET_MS)) < 0 || budget.compareTo(Duration.ofMillis(MAX_BUDGET_MS)) > 0) {
      throw new IllegalArgumentException(
          "budget must be in " + MIN_BUDGET_MS + " ms .. " + MAX_BUDGET_MS + " ms, was " + budget.toMillis() + " ms");
    }
    Objects.requireNonNull(crossLag, "crossLag must not be null");
    if (crossLag.isNegative() || crossLag.compareTo(budget) > 0) {
      throw new IllegalArgumentException("crossLag must be in 0 .. budget (" + budget.toMillis() + " ms), was "
          + crossLag.toMillis() + " ms");
    }
    if (priority != null && (priority < 0 || priority > MAX_PRIORITY)) {
      throw new IllegalArgumentException("priority must be in 0.." + MAX_PRIORITY + ", was " + priority);
    }
    Objects.requireNonNull(policy, "policy must not be null");
    if (task != null && task.isBlank()) {
      throw new IllegalArgumentException("task must not be blank; leave it null for the broker's default");
    }
  }

  /**
   * Options with {@code budget} and the defaults: crossRequest {@value #DEFAULT_CROSS_REQUEST},
   * crossLag 10 ms (or the budget, if shorter), no priority (the broker's default applies), policy
   * {@link Policy#FIRST}, no task.
   */
  public static TryOptions budget(Duration budget) {
    Objects.requireNonNull(budget, "budget must not be null");
    Duration crossLag = budget.compareTo(DEFAULT_CROSS_LAG) < 0 && !budget.isNegative() ? budget : DEFAULT_CROSS_LAG;
    return new TryOptions(budget, DEFAULT_CROSS_REQUEST, crossLag, null, DEFAULT_POLICY, null);
  }

  /** Options with a budget of {@code budgetMs} milliseconds and the defaults. */
  public static TryOptions budgetMillis(long budgetMs) {
    return budget(Duration.ofMillis(budgetMs));
  }

  /** A copy with {@code budget}; the crossLag must still fit in it. */
  public TryOptions withBudget(Duration budget) {
    return new TryOptions(budget, crossRequest, crossLag, priority, policy, task);
  }

  public TryOptions withCrossRequest(boolean crossRequest) {
    return new TryOptions(budget, crossRequest, crossLag, priority, policy, task);
  }

  public TryOptions withCrossLag(Duration crossLag) {
    return new TryOptions(budget, crossRequest, crossLag, priority, policy, task);
  }

  /** @param priority 0..{@value #MAX_PRIORITY}, or null to leave the broker's default in force */
  public TryOptions withPriority(Integer priority) {
    return new TryOptions(budget, crossRequest, crossLag, priority, policy, task);
  }

  public TryOptions withPolicy(Policy policy) {
    return new TryOptions(budget, crossRequest, crossLag, priority, policy, task);
  }

  /** @param task a name for reporting, or null for the broker's default (the instance) */
  public TryOptions withTask(String task) {
    return new TryOptions(budget, crossRequest, crossLag, priority, policy, task);
  }
}
