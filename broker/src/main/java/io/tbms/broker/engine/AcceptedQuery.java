package io.tbms.broker.engine;

import io.tbms.broker.backend.InferInput;
import io.tbms.broker.query.Policy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A query that passed validation, authentication and admission: everything the engine needs to
 * run it. Estimates are resolved (the caller's, else the registry's default).
 *
 * @param instance the tenant, from the credentials
 * @param task the reporting name (the instance's name when the caller gave none)
 * @param input what the models are asked
 * @param chain the steps, best first
 * @param budget the whole time budget
 * @param policy how the query completes
 * @param priority 0 most important … 9 least
 * @param shed admission sheds this query: only its cheapest step may run
 * @param crossRequest may share a batch with other queries
 * @param crossLag how long it may wait for a shared batch
 * @param t0Nanos arrival time on the broker's monotonic clock
 */
public record AcceptedQuery(
    String instance, String task, InferInput input, List<ChainStep> chain, Duration budget, Policy policy,
    int priority, boolean shed, boolean crossRequest, Duration crossLag, long t0Nanos) {

  public AcceptedQuery {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(crossLag, "crossLag");
    chain = List.copyOf(chain);
  }

  /** The position of the step with the lowest estimate (the first such): what a shed query may still run. */
  public int cheapestStep() {
    int cheapest = 0;
    for (int i = 1; i < chain.size(); i++) {
      if (chain.get(i).estimate().compareTo(chain.get(cheapest).estimate()) < 0) {
        cheapest = i;
      }
    }
    return cheapest;
  }
}
