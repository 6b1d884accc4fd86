package io.tbms.broker.warmup;

import java.util.Locale;
import java.util.Objects;

/** Where one replica of one model stands in the broker's warm-up. */
public sealed interface ReplicaWarmth {

  /** Its warm-up call is out. */
  record Warming() implements ReplicaWarmth {}

  /** It answered its warm-up call, which took {@code tookNanos}. */
  record Warm(long tookNanos) implements ReplicaWarmth {}

  /** Its warm-up call failed or ran past the timeout; {@code error} says how. */
  record Failed(String error) implements ReplicaWarmth {
    public Failed {
      Objects.requireNonNull(error, "error");
    }
  }

  Warming WARMING = new Warming();

  /** For {@code /readyz}: {@code warming}, {@code warm (1.2 ms)}, or {@code failed: why}. */
  default String describe() {
    if (this instanceof Warm warm) {
      return String.format(Locale.ROOT, "warm (%.1f ms)", warm.tookNanos() / 1e6);
    }
    return this instanceof Failed failed ? "failed: " + failed.error() : "warming";
  }
}
