package io.tbms.resources.occupancy;

import io.tbms.resources.prometheus.Sample;
import java.util.Map;

/** Identifies one time series: a metric name and its full label set. */
public record SeriesKey(String name, Map<String, String> labels) {

  public SeriesKey {
    labels = Map.copyOf(labels);
  }

  public static SeriesKey of(Sample sample) {
    return new SeriesKey(sample.name(), sample.labels());
  }

  public String label(String label) {
    return labels.get(label);
  }
}
