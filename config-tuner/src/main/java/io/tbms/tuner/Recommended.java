package io.tbms.tuner;

import java.util.Objects;

/**
 * A configuration that meets the lag target with headroom on the available devices, the one with the
 * fewest replicas and, among those, the lowest lag.
 *
 * @param model the model's name
 * @param configuration the chosen batch size and replica count with their numbers
 * @param lagTargetMillis the lag target, in ms
 * @param measuredPoints batch sizes measured when choosing
 */
public record Recommended(String model, BatchConfiguration configuration, double lagTargetMillis, int measuredPoints)
    implements Recommendation {

  public Recommended {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(configuration, "configuration");
  }

  @Override
  public String explanation() {
    return configuration.explain(lagTargetMillis);
  }
}
