package io.tbms.zoo.server;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code grpc-timeout} request header of the gRPC over HTTP/2 protocol: at most 8 digits and a
 * unit, {@code H} hours, {@code M} minutes, {@code S} seconds, {@code m} milliseconds, {@code u}
 * microseconds or {@code n} nanoseconds. Read here to the microsecond (the server library keeps
 * only milliseconds).
 */
final class GrpcTimeout {

  static final String HEADER = "grpc-timeout";

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,8})([HMSmun])");

  private GrpcTimeout() {}

  /**
   * The timeout in microseconds, at least 1 (nanoseconds round up); empty when {@code header} is
   * absent or malformed.
   */
  static OptionalLong micros(String header) {
    if (header == null) {
      return OptionalLong.empty();
    }
    Matcher m = FORMAT.matcher(header.trim());
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    long value = Long.parseLong(m.group(1));
    long micros = switch (m.group(2).charAt(0)) {
      case 'H' -> value * 3_600_000_000L;
      case 'M' -> value * 60_000_000L;
      case 'S' -> value * 1_000_000L;
      case 'm' -> value * 1_000L;
      case 'u' -> value;
      default -> (value + 999) / 1_000; // 'n'
    };
    return OptionalLong.of(Math.max(1, micros));
  }
}
