package io.tbms.tuner;

import java.util.Locale;
import java.util.Objects;

/**
 * No number of devices meets the lag target: even a batch of one, on replicas that never wait, takes
 * longer than the target ({@code Lag(1, q) = T(1)}).
 *
 * @param model the model's name
 * @param lagTargetMillis the lag target, in ms
 * @param fastestBatchTimeMillis {@code T(1)}, the lowest lag any configuration reaches, in ms
 * @param measuredPoints batch sizes measured when choosing
 */
public record Unreachable(String model, double lagTargetMillis, double fastestBatchTimeMillis, int measuredPoints)
    implements Recommendation {

  public Unreachable {
    Objects.requireNonNull(model, "model");
  }

  @Override
  public String explanation() {
    return String.format(Locale.ROOT,
        "no configuration meets lag <= %s ms: a batch of 1 alone takes T(1)=%.1f ms; more devices do not help",
        BatchConfiguration.millis(lagTargetMillis), fastestBatchTimeMillis);
  }
}
