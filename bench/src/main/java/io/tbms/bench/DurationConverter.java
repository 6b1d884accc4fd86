package io.tbms.bench;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code 20}, {@code 20s}, {@code 500ms}, {@code 2m} or ISO-8601 ({@code PT20S}); bare numbers are seconds. */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("pt")) {
      return Duration.parse(value.trim());
    }
    if (v.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
    }
    if (v.endsWith("s")) {
      return seconds(v.substring(0, v.length() - 1));
    }
    if (v.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
    }
    return seconds(v);
  }

  private static Duration seconds(String number) {
    return Duration.ofMillis(Math.round(Double.parseDouble(number) * 1000));
  }
}
