package io.tbms.resources.prometheus;

import io.tbms.resources.prometheus.internal.LineParser;

/**
 * Parses the Prometheus text exposition format 0.0.4: {@code # HELP} and {@code # TYPE} lines,
 * samples with optional labels (label values escape {@code \\}, {@code \"} and {@code \n}),
 * {@code NaN}, {@code +Inf}, {@code -Inf} values, optional millisecond timestamps, blank lines and
 * other comments. A malformed line is skipped and reported with its line number; parsing never
 * fails. Stateless and thread-safe.
 */
public final class PrometheusText {

  private PrometheusText() {}

  /** Parses {@code text}; {@code \n} or {@code \r\n} line ends. */
  public static ParsedMetrics parse(String text) {
    LineParser parser = new LineParser();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      parser.accept(i + 1, line);
    }
    return parser.result();
  }
}
