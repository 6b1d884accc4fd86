package io.tbms.tuner;

import java.util.Locale;
import java.util.Objects;

/**
 * No batch size meets both the lag target and the headroom on the available devices; {@code
 * configuration} is the best one on the fewest devices that would, at its (lower) occupancy.
 *
 * @param model the model's name
 * @param configuration the best configuration on the fewest replicas that meet both; more replicas
 *     than {@code availableReplicas}
 * @param availableReplicas the devices available
 * @param lagTargetMillis the lag target, in ms
 * @param headroom the share of {@code QPS_max} a replica may be offered
 * @param measuredPoints batch sizes measured when choosing
 */
public record NeedsMoreDevices(String model, BatchConfiguration configuration, int availableReplicas,
    double lagTargetMillis, double headroom, int measuredPoints) implements Recommendation {

  public NeedsMoreDevices {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(configuration, "configuration");
    if (configuration.replicas() <= availableReplicas) {
      throw new IllegalArgumentException("configuration must need more than the " + availableReplicas
          + " available replicas, needs " + configuration.replicas());
    }
  }

  /** The devices to add. */
  public int moreDevices() {
    return configuration.replicas() - availableReplicas;
  }

  @Override
  public String explanation() {
    int more = moreDevices();
    return String.format(Locale.ROOT,
        "no batch size meets lag <= %s ms with q <= %.0f%% of QPS_max on %s; %d would (%d more device%s), at %.0f%% occupancy: %s",
        BatchConfiguration.millis(lagTargetMillis), headroom * 100, BatchConfiguration.replicasText(availableReplicas),
        configuration.replicas(), more, more == 1 ? "" : "s", configuration.occupancy() * 100,
        configuration.explain(lagTargetMillis));
  }
}
