package io.tbms.resources.prometheus;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of parsing one scrape: every well-formed sample in text order, the declared types
 * and help texts by metric name, and the lines that were skipped. Immutable.
 */
public record ParsedMetrics(
    List<Sample> samples, Map<String, MetricType> types, Map<String, String> help, List<ParseProblem> problems) {

  public ParsedMetrics {
    samples = List.copyOf(samples);
    types = Map.copyOf(types);
    help = Map.copyOf(help);
    problems = List.copyOf(problems);
  }

  /** The samples of metric {@code name}, in text order. */
  public List<Sample> named(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The declared type of {@code name}; {@link MetricType#UNTYPED} when none was declared. */
  public MetricType type(String name) {
    return types.getOrDefault(name, MetricType.UNTYPED);
  }

  /** The first sample of {@code name} whose label {@code label} equals {@code value}. */
  public Optional<Sample> find(String name, String label, String value) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && value.equals(s.label(label)))
        .findFirst();
  }

  /** The first sample of {@code name}, whatever its labels. */
  public Optional<Sample> first(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
