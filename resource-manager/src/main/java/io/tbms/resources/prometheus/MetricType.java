package io.tbms.resources.prometheus;

import java.util.Locale;
import java.util.Optional;

/** The metric types a {@code # TYPE} line may declare. */
public enum MetricType {
  COUNTER, GAUGE, HISTOGRAM, SUMMARY, UNTYPED;

  /** The type named by {@code word} as it appears in a {@code # TYPE} line, if it is one. */
  public static Optional<MetricType> of(String word) {
    return switch (word) {
      case "counter", "gauge", "histogram", "summary", "untyped" ->
          Optional.of(valueOf(word.toUpperCase(Locale.ROOT)));
      default -> Optional.empty();
    };
  }
}
