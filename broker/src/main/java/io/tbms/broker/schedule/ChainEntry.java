package io.tbms.broker.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * One entry of a query's model chain as the schedule sees it: the model to call and its expected
 * latency — what the broker has observed of the model, or the caller's estimate until it has.
 *
 * @param model the model name, as the registry knows it
 * @param estimate the entry's expected latency, {@code >= 0}
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
