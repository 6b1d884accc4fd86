package io.tbms.bench.tuner;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cases of a tuner bench run, in a fixed order: every shape × largest batch size × devices ×
 * rate × lag target of a {@link TunerBenchConfig}. The shapes are
 *
 * <ul>
 *   <li>fixed: {@code T(b) = base + k × b^p} for base 1, 5, 20 ms, k 0.1, 1, 5 ms and p 0.5, 0.8
 *       (concave), 1 (linear), 1.3, 1.7 (convex);
 *   <li>real: the embedding model's measured points, padding steps of 8, a knee at 16, a spill past 32;
 *   <li>sampled: {@code sampledShapes} more drawn from the seed (base 0.5..30 ms, k 0.05..10 ms, p 0.3..2).
 * </ul>
 *
 * With {@code noisePercent > 0} every shape carries seeded noise. Pure: the same config gives the same
 * cases.
 */
final class TunerGrid {

  static final List<Double> BASES_MILLIS = List.of(1.0, 5.0, 20.0);
  static final List<Double> PER_ITEM_MILLIS = List.of(0.1, 1.0, 5.0);
  static final List<Double> EXPONENTS = List.of(0.5, 0.8, 1.0, 1.3, 1.7);

  private TunerGrid() {}

  static List<BatchTimeShape> shapes(TunerBenchConfig config) {
    List<BatchTimeShape> shapes = new ArrayList<>();
    for (double exponent : EXPONENTS) {
      for (double base : BASES_MILLIS) {
        for (double perItem : PER_ITEM_MILLIS) {
          shapes.add(BatchTimeShape.power(base, perItem, exponent));
        }
      }
    }
    shapes.add(BatchTimeShape.embedding());
    shapes.add(BatchTimeShape.stairs(4, 3, 8));
    shapes.add(BatchTimeShape.knee(10, 16, 0.8));
    shapes.add(BatchTimeShape.spill(32));
    SplittableRandom random = new SplittableRandom(config.seed());
    for (int i = 0; i < config.sampledShapes(); i++) {
      double base = round(0.5 + 29.5 * random.nextDouble());
      double perItem = round(0.05 + 9.95 * random.nextDouble());
      double exponent = round(0.3 + 1.7 * random.nextDouble());
      shapes.add(BatchTimeShape.power(base, perItem, exponent));
    }
    if (config.noisePercent() == 0) {
      return List.copyOf(shapes);
    }
    List<BatchTimeShape> noisy = new ArrayList<>(shapes.size());
    SplittableRandom seeds = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
    for (BatchTimeShape shape : shapes) {
      noisy.add(shape.withNoise(config.noisePercent(), seeds.nextLong(), config.largestBatchSize()));
    }
    return List.copyOf(noisy);
  }

  static List<TunerCase> cases(TunerBenchConfig config) {
    List<TunerCase> cases = new ArrayList<>();
    for (BatchTimeShape shape : shapes(config)) {
      double batchOfOneMillis = shape.at(1);
      for (int maxBatchSize : config.maxBatchSizes()) {
        for (int maxReplicas : config.maxReplicas()) {
          for (double qps : config.qps()) {
            for (double lagTarget : config.lagTargets()) {
              cases.add(new TunerCase(shape, maxBatchSize, maxReplicas, qps, lagTarget * batchOfOneMillis));
            }
          }
        }
      }
    }
    return List.copyOf(cases);
  }

  /** Two decimals, so a sampled shape's name is its exact formula. */
  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
