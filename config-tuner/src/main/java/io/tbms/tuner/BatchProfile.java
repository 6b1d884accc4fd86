package io.tbms.tuner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What is known of one model's batch time {@code T(b)}: the measured points, kept as they are since
 * real models are not always linear, and the {@link LinearFit} through them for the batch sizes not
 * measured.
 *
 * <p>{@link #batchTimeMillis(int)} is the measured time where {@code b} was measured, else the fit,
 * kept between the measured neighbours: batch time never falls as the batch grows, so
 * {@code T(below) <= T(b) <= T(above)}. Below the smallest measured size {@code b₀} the estimate is
 * at least {@code T(b₀) × b / b₀} (a smaller batch never costs more per item) and above the largest
 * at least its time. Times in ms. Immutable; safe to share.
 *
 * @param model the model's name, e.g. {@code embedding}
 * @param points the measurements, at least one, one per batch size; kept sorted by batch size
 */
public record BatchProfile(String model, List<ProfilePoint> points) {

  public BatchProfile {
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    Objects.requireNonNull(points, "points");
    if (points.isEmpty()) {
      throw new IllegalArgumentException("points must hold at least one measurement (model " + model + ")");
    }
    List<ProfilePoint> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingInt(ProfilePoint::batchSize));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).batchSize() == sorted.get(i - 1).batchSize()) {
        throw new IllegalArgumentException(
            "points must hold one measurement per batch size, batch size " + sorted.get(i).batchSize() + " is measured twice");
      }
    }
    points = List.copyOf(sorted);
  }

  /** The least-squares line through the points. */
  public LinearFit fit() {
    return LinearFit.leastSquares(points);
  }

  /** The measured time of a batch of {@code batchSize}, in ms, or empty when that size was not measured. */
  public OptionalDouble measured(int batchSize) {
    for (ProfilePoint p : points) {
      if (p.batchSize() == batchSize) {
        return OptionalDouble.of(p.batchTimeMillis());
      }
    }
    return OptionalDouble.empty();
  }

  /** Whether {@code batchSize} was measured. */
  public boolean isMeasured(int batchSize) {
    return measured(batchSize).isPresent();
  }

  /** The largest measured batch size. */
  public int largestMeasuredBatchSize() {
    return points.get(points.size() - 1).batchSize();
  }

  /** {@code T(b)} in ms: measured where {@code b} was, else the fit kept between the measured neighbours. */
  public double batchTimeMillis(int batchSize) {
    return estimate(batchSize, fit());
  }

  /** {@code T(1) .. T(maxBatchSize)} in ms, at index {@code b} (index 0 unused), the fit computed once. */
  public double[] batchTimesMillis(int maxBatchSize) {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1, was " + maxBatchSize);
    }
    LinearFit fit = fit();
    double[] times = new double[maxBatchSize + 1];
    for (int b = 1; b <= maxBatchSize; b++) {
      times[b] = estimate(b, fit);
    }
    return times;
  }

  /** A profile with {@code point} added, or replacing the measurement of its batch size. */
  public BatchProfile withPoint(ProfilePoint point) {
    List<ProfilePoint> next = new ArrayList<>(points.size() + 1);
    for (ProfilePoint p : points) {
      if (p.batchSize() != point.batchSize()) {
        next.add(p);
      }
    }
    next.add(point);
    return new BatchProfile(model, next);
  }

  private double estimate(int batchSize, LinearFit fit) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
    ProfilePoint below = null;
    ProfilePoint above = null;
    for (ProfilePoint p : points) {
      if (p.batchSize() == batchSize) {
        return p.batchTimeMillis();
      }
      if (p.batchSize() < batchSize) {
        below = p;
      } else if (above == null) {
        above = p;
      }
    }
    double fitted = fit.at(batchSize);
    if (below == null) {
      double floor = above.batchTimeMillis() * batchSize / above.batchSize();
      return Math.min(Math.max(fitted, floor), above.batchTimeMillis());
    }
    double low = Math.max(fitted, below.batchTimeMillis());
    return above == null ? low : Math.min(low, above.batchTimeMillis());
  }
}
