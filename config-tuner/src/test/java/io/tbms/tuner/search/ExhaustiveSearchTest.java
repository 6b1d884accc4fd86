package io.tbms.tuner.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.tuner.BatchConfiguration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExhaustiveSearchTest {

  @Test
  void measuresEveryBatchSizeOnceAndEvaluatesEveryPair() {
    AtomicInteger calls = new AtomicInteger();
    SearchResult result = ExhaustiveSearch.search(b -> {
      calls.incrementAndGet();
      return 5 + 2.0 * b;
    }, 16, 4, 300, 35, 0.8);

    assertThat(calls.get()).isEqualTo(16);
    assertThat(result.evaluations()).isEqualTo(16);
    assertThat(result.candidates()).isEqualTo(64);
  }

  @Test
  void findsTheHandComputedOptimumOfALinearModel() {
    // T(b) = 5 + 2b, 300 QPS, lag <= 30: one replica needs b >= 8 (Lag 32.7), two at 150 QPS take b = 2 (Lag 12.3)
    BatchConfiguration best = ExhaustiveSearch.search(b -> 5 + 2.0 * b, 16, 4, 300, 30, 0.8).best().orElseThrow();

    assertThat(best.replicas()).isEqualTo(2);
    assertThat(best.batchSize()).isEqualTo(2);
  }

  @Test
  void findsNothingWhenABatchOfOneIsOverTheTarget() {
    assertThat(ExhaustiveSearch.search(b -> 5 + 2.0 * b, 16, 100, 300, 6, 0.8).best()).isEmpty();
  }

  @Test
  void followsAConvexModelWhereLargeBatchesLoseThroughput() {
    // T(b) = 2 + 0.5 b²: QPS_max(b) = 1000 b / (2 + 0.5 b²) peaks at b = 2 (500 QPS); 350 QPS need b = 2 on one replica
    BatchConfiguration best = ExhaustiveSearch.search(b -> 2 + 0.5 * b * b, 32, 4, 350, 20, 0.8).best().orElseThrow();

    assertThat(best.replicas()).isEqualTo(1);
    assertThat(best.batchSize()).isEqualTo(2);
    assertThat(best.qpsMax()).isEqualTo(500);
  }
}
