package io.tbms.broker.warmup;

import java.time.Duration;
import java.util.Objects;

/**
 * How the broker warms its backends before it reports ready: one {@code ModelInfer} per replica of
 * each model, carrying {@code text}.
 *
 * @param text the harmless text each warm-up call classifies; not blank
 * @param timeout how long a warm-up call may take before its replica counts as failed (the call is
 *     then cancelled), {@code > 0}
 */
public record WarmUpConfig(String text, Duration timeout) {

  public static final String DEFAULT_TEXT = "warm up";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public WarmUpConfig {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(timeout, "timeout");
    if (text.isBlank()) {
      throw new IllegalArgumentException("text must not be blank");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
    }
  }

  public static WarmUpConfig ofDefaults() {
    return new WarmUpConfig(DEFAULT_TEXT, DEFAULT_TIMEOUT);
  }
}
