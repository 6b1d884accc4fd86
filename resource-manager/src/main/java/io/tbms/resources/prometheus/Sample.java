package io.tbms.resources.prometheus;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One sample line: a metric name, its labels, the value and the optional timestamp.
 *
 * @param name the metric name, e.g. {@code nv_gpu_utilization}
 * @param labels label name to unescaped value; unordered, immutable
 * @param value the value; may be {@code NaN} or infinite
 * @param timestampMillis the sample's own timestamp in Unix epoch milliseconds, when it carries one
 */
public record Sample(String name, Map<String, String> labels, double value, OptionalLong timestampMillis) {

  public Sample {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(timestampMillis, "timestampMillis");
  }

  public Sample(String name, Map<String, String> labels, double value) {
    this(name, labels, value, OptionalLong.empty());
  }

  /** The value of label {@code label}, or {@code null} when the sample has none. */
  public String label(String label) {
    return labels.get(label);
  }
}
