package io.tbms.bench.tuner;

import io.tbms.tuner.BatchProfile;
import io.tbms.tuner.ProfilePoint;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * One model of the grid: its batch time {@code T(b)} in ms for a batch of {@code b} items on one
 * replica, known exactly, so a sweep and the tuner read the same times. Immutable; {@link #millis}
 * is pure and safe from any thread.
 *
 * @param name what the report calls it, e.g. {@code 5+1*b^0.5}
 * @param family {@code linear}, {@code concave}, {@code convex} ({@code T(b) = base + k × b^p} with
 *     {@code p} = 1, below 1, above 1) or {@code real} (measured points and the shapes of real
 *     kernels: padding steps, an idle-until-full knee)
 * @param millis {@code T(b)} in ms, positive, for {@code b >= 1}
 */
record BatchTimeShape(String name, String family, IntToDoubleFunction millis) {

  /**
   * The embedding model's batch times as {@code ./tbms tune profile} measured them on the demo
   * (config/profiles/embedding.json): b = 1..7.
   */
  static final List<ProfilePoint> EMBEDDING_POINTS = List.of(new ProfilePoint(1, 24.536),
      new ProfilePoint(2, 28.514), new ProfilePoint(3, 33.502), new ProfilePoint(4, 37.414),
      new ProfilePoint(5, 43.06), new ProfilePoint(6, 48.455), new ProfilePoint(7, 50.454));

  BatchTimeShape {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(millis, "millis");
  }

  /** {@code T(b)} in ms. */
  double at(int batchSize) {
    return millis.applyAsDouble(batchSize);
  }

  /** {@code T(b) = baseMillis + perItemMillis × b^exponent}. */
  static BatchTimeShape power(double baseMillis, double perItemMillis, double exponent) {
    String family = exponent == 1 ? "linear" : exponent < 1 ? "concave" : "convex";
    String name = String.format(Locale.ROOT, "%s+%s*b%s", number(baseMillis), number(perItemMillis),
        exponent == 1 ? "" : "^" + number(exponent));
    return new BatchTimeShape(name, family, b -> baseMillis + perItemMillis * Math.pow(b, exponent));
  }

  /**
   * The embedding model: the measured times at b = 1..7, beyond them the least-squares line through
   * them ({@code 19.8 + 4.54 × b} ms), as the tuner's {@link BatchProfile} reads a profile file.
   */
  static BatchTimeShape embedding() {
    BatchProfile profile = new BatchProfile("embedding", EMBEDDING_POINTS);
    return new BatchTimeShape("embedding", "real", profile::batchTimeMillis);
  }

  /** Padding to a tile: {@code T(b) = baseMillis + perTileMillis × ⌈b / tile⌉}, flat within a tile. */
  static BatchTimeShape stairs(double baseMillis, double perTileMillis, int tile) {
    return new BatchTimeShape("stairs-" + tile, "real",
        b -> baseMillis + perTileMillis * Math.ceil(b / (double) tile));
  }

  /**
   * A device that is idle until the batch fills it: {@code T(b) = flatMillis} up to {@code knee}
   * items, then {@code perItemMillis} more per item.
   */
  static BatchTimeShape knee(double flatMillis, int knee, double perItemMillis) {
    return new BatchTimeShape("knee-" + knee, "real", b -> flatMillis + perItemMillis * Math.max(0, b - knee));
  }

  /**
   * Cheap per item while the batch fits in fast memory, dearer beyond: {@code 3 + 2 × b^0.6} ms up to
   * {@code spill} items, plus {@code 0.02 × (b − spill)²} ms above.
   */
  static BatchTimeShape spill(int spill) {
    return new BatchTimeShape("spill-" + spill, "real",
        b -> 3 + 2 * Math.pow(b, 0.6) + (b > spill ? 0.02 * (b - spill) * (b - spill) : 0));
  }

  /**
   * This shape with measurement noise: each {@code T(b)} multiplied by {@code 1 + u}, {@code u} drawn
   * uniformly from {@code ±noisePercent %} once per batch size up to {@code maxBatchSize} (seeded, so
   * the same {@code b} always reads the same time). Batch time may then fall as the batch grows,
   * which the tuner assumes it does not.
   */
  BatchTimeShape withNoise(double noisePercent, long seed, int maxBatchSize) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] times = new double[maxBatchSize + 1];
    for (int b = 1; b <= maxBatchSize; b++) {
      times[b] = at(b) * (1 + noisePercent / 100 * (2 * random.nextDouble() - 1));
    }
    return new BatchTimeShape(name + "~" + number(noisePercent) + "%", family, b -> times[b]);
  }

  /** {@code 5} for 5.0, {@code 0.5} for 0.5. */
  static String number(double value) {
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : Double.toString(value);
  }
}
