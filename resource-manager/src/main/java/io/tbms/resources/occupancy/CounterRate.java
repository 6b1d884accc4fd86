package io.tbms.resources.occupancy;

import java.util.OptionalDouble;

/**
 * The per-second rate of a counter between two readings.
 *
 * <pre>rate = delta / ((currentNanos - previousNanos) / 1e9)</pre>
 *
 * where {@code delta = current - previous}, or {@code current} when the counter went down (the
 * process behind it restarted and counted from zero since). Pure.
 */
public final class CounterRate {

  private CounterRate() {}

  /**
   * @return the rate per second; empty when a value is not finite or negative, or time did not advance
   */
  public static OptionalDouble perSecond(double previous, long previousNanos, double current, long currentNanos) {
    if (!Double.isFinite(previous) || !Double.isFinite(current) || previous < 0 || current < 0) {
      return OptionalDouble.empty();
    }
    long elapsedNanos = currentNanos - previousNanos;
    if (elapsedNanos <= 0) {
      return OptionalDouble.empty();
    }
    double delta = current >= previous ? current - previous : current;
    return OptionalDouble.of(delta * 1e9 / elapsedNanos);
  }
}
