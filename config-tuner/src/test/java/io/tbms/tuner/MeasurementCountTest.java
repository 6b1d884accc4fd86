package io.tbms.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.tuner.search.ExhaustiveSearch;
import io.tbms.tuner.search.SearchResult;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * How many batch sizes the recommender measures next to a full sweep of 1..64, over a fixed sample of
 * 2000 models and goals (seeded, so the numbers below hold run after run).
 */
class MeasurementCountTest {

  @Test
  void measuresUnderAQuarterOfTheBatchSizesAFullSweepMeasures() {
    Random random = new Random(42);
    int maxBatchSize = 64;
    int tries = 2000;
    long measured = 0;
    int most = 0;
    int agreed = 0;
    for (int i = 0; i < tries; i++) {
      double base = 0.5 + 29.5 * random.nextDouble();
      double perItem = 0.05 + 9.95 * random.nextDouble();
      double shape = new double[] {1.0, 0.3 + 0.65 * random.nextDouble(), 1.05 + 0.95 * random.nextDouble()}[i % 3];
      IntToDoubleFunction curve = b -> base + perItem * Math.pow(b, shape);
      double qps = Math.pow(10, 3.7 * random.nextDouble());
      double lagTarget = curve.applyAsDouble(1) * (0.8 + 5.2 * random.nextDouble());
      TunerConfig config = new TunerConfig(0.8, 4, maxBatchSize);
      AtomicInteger calls = new AtomicInteger();
      Recommendation r = new Recommender(config).recommend("m", b -> {
        calls.incrementAndGet();
        return curve.applyAsDouble(b);
      }, qps, lagTarget);
      int replicas = (int) Math.ceil(qps * curve.applyAsDouble(1) / 800) + 1;
      SearchResult sweep = ExhaustiveSearch.search(curve, maxBatchSize, Math.max(4, replicas), qps, lagTarget, 0.8);
      measured += calls.get();
      most = Math.max(most, calls.get());
      if (sweep.best().map(BatchConfiguration::batchSize).equals(chosenBatchSize(r))) {
        agreed++;
      }
    }
    double mean = measured / (double) tries;
    // observed: 8.0 on average (the 7 seeds and about one more), at most 20, of the sweep's 64
    assertThat(mean).isLessThan(maxBatchSize / 4.0);
    assertThat(most).isLessThan(maxBatchSize / 2);
    assertThat(agreed).isEqualTo(tries);
  }

  private static Optional<Integer> chosenBatchSize(Recommendation r) {
    if (r instanceof Recommended chosen) {
      return Optional.of(chosen.configuration().batchSize());
    }
    if (r instanceof NeedsMoreDevices more) {
      return Optional.of(more.configuration().batchSize());
    }
    return Optional.empty();
  }
}
