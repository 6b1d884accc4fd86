package io.tbms.tuner;

import java.util.List;

/**
 * The straight line {@code T(b) = base + perItem × b} through a model's measured batch times,
 * fitted by least squares:
 *
 * <pre>
 *   perItem = Σ (b − b̄)(T − T̄) / Σ (b − b̄)²,   base = T̄ − perItem × b̄
 * </pre>
 *
 * <p>Batch time never falls as the batch grows, so a negative slope (noise, or a single batch size
 * measured) is replaced by the best flat line: {@code perItem = 0}, {@code base = T̄}. With one point
 * the line is flat through it. Times in ms. Immutable.
 *
 * @param baseMillis the fixed part of a batch's time, in ms (may be negative when the points curve upwards)
 * @param perItemMillis the time each further item adds, in ms; never negative
 */
public record LinearFit(double baseMillis, double perItemMillis) {

  public LinearFit {
    if (!Double.isFinite(baseMillis)) {
      throw new IllegalArgumentException("baseMillis must be finite, was " + baseMillis);
    }
    if (!(perItemMillis >= 0) || !Double.isFinite(perItemMillis)) {
      throw new IllegalArgumentException("perItemMillis must be >= 0, was " + perItemMillis);
    }
  }

  /** The least-squares line through {@code points}, which must not be empty. */
  public static LinearFit leastSquares(List<ProfilePoint> points) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("points must not be empty");
    }
    double meanB = points.stream().mapToDouble(ProfilePoint::batchSize).average().orElseThrow();
    double meanT = points.stream().mapToDouble(ProfilePoint::batchTimeMillis).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (ProfilePoint p : points) {
      sxy += (p.batchSize() - meanB) * (p.batchTimeMillis() - meanT);
      sxx += (p.batchSize() - meanB) * (p.batchSize() - meanB);
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    if (slope <= 0) {
      return new LinearFit(meanT, 0);
    }
    return new LinearFit(meanT - slope * meanB, slope);
  }

  /** {@code base + perItem × b}, in ms; may be zero or negative far below the measured sizes. */
  public double at(int batchSize) {
    return baseMillis + perItemMillis * batchSize;
  }
}
