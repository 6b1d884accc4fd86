package io.tbms.broker.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * One entry of a query's model chain: the model to call and how long the caller expects it to
 * take. The schedule fires the next entry when the ones before it run past their estimates.
 *
 * @param model the model name, as the registry knows it
 * @param estimate the caller's estimate of the model's latency, {@code >= 0}
 */
public record ChainEntry(String model, Duration estimate) {

  public ChainEntry {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(estimate, "estimate");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    if (estimate.isNegative()) {
      throw new IllegalArgumentException("estimate must be >= 0, was " + estimate);
    }
  }

  public static ChainEntry ofMillis(String model, double estMillis) {
    return new ChainEntry(model, Duration.ofNanos(Math.round(estMillis * 1_000_000d)));
  }
}
