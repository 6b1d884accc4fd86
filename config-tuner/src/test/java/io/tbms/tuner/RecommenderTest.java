package io.tbms.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed optima for {@code T(b) = 5 + 2b} ms measured at b = 1, 2, 4, 8, 16, headroom 80%.
 * A replica at {@code q} QPS qualifies for b when {@code q × (5 + 2b) <= 800 b} and
 * {@code 5 + 2b + (1000 / q) × (b − 1) / 2 <= L}.
 */
class RecommenderTest {

  private static final BatchProfile LINEAR = new BatchProfile("embedding", List.of(new ProfilePoint(1, 7),
      new ProfilePoint(2, 9), new ProfilePoint(4, 13), new ProfilePoint(8, 21), new ProfilePoint(16, 37)));

  private static Recommender recommender(int maxReplicas) {
    return new Recommender(TunerConfig.ofDefaults().withMaxReplicas(maxReplicas).withMaxBatchSize(16));
  }

  @Test
  void oneReplicaAtThreeHundredQpsNeedsBatchesOfEightWhichLagThirtyTwoPointSevenMilliseconds() {
    // 300 (5 + 2b) <= 800 b ⇔ b >= 7.5; Lag(8) = 21 + (1000 / 300) × 7 / 2 = 32.67 <= 35
    Recommendation r = recommender(4).recommend(LINEAR, 300, 35);

    assertThat(r).isInstanceOf(Recommended.class);
    BatchConfiguration c = ((Recommended) r).configuration();
    assertThat(c.batchSize()).isEqualTo(8);
    assertThat(c.replicas()).isEqualTo(1);
    assertThat(c.lagMillis()).isCloseTo(21 + 1000.0 / 300 * 7 / 2, within(1e-9));
    assertThat(c.occupancy()).isCloseTo(300 / (1000.0 / 21 * 8), within(1e-9));
    assertThat(r.explanation())
        .isEqualTo("b=8 on 1 replica: T(8)=21.0 ms, QPS_max 381/replica, q 300/replica (79%), lag 32.7 ms <= 35 ms");
    assertThat(r.measuredPoints()).isEqualTo(5);
  }

  @Test
  void aTighterLagTargetTakesASecondReplicaAndTheLowestLagOnIt() {
    // one replica: b >= 8 for headroom but Lag(8) = 32.67 > 30. Two, 150 QPS each: b >= 1.5, and
    // of b = 2 (Lag 9 + 6.67 × 0.5 = 12.33), b = 3 (17.67), … the lowest lag wins
    Recommendation r = recommender(4).recommend(LINEAR, 300, 30);

    BatchConfiguration c = ((Recommended) r).configuration();
    assertThat(c.replicas()).isEqualTo(2);
    assertThat(c.batchSize()).isEqualTo(2);
    assertThat(c.lagMillis()).isCloseTo(9 + 1000.0 / 150 / 2, within(1e-9));
    assertThat(r.explanation()).startsWith("b=2 on 2 replicas: T(2)=9.0 ms, QPS_max 222/replica, q 150/replica (")
        .endsWith("lag 12.3 ms <= 30 ms");
  }

  @Test
  void saysHowManyMoreDevicesWouldAndAtWhatOccupancy() {
    // 400 QPS: one replica needs 400 (5 + 2b) <= 800 b, never; two at 200 need b >= 2.5, so b = 3:
    // T(3) = 11 from the fit, QPS_max 272.7, occupancy 73%, Lag 11 + 5 × 2 / 2 = 16
    Recommendation r = recommender(1).recommend(LINEAR, 400, 35);

    assertThat(r).isInstanceOf(NeedsMoreDevices.class);
    NeedsMoreDevices more = (NeedsMoreDevices) r;
    assertThat(more.moreDevices()).isEqualTo(1);
    assertThat(more.configuration().batchSize()).isEqualTo(3);
    assertThat(more.configuration().batchTimeMeasured()).isFalse();
    assertThat(more.configuration().occupancy()).isCloseTo(200 / (3000.0 / 11), within(1e-9));
    assertThat(more.configuration().lagMillis()).isCloseTo(16, within(1e-9));
    assertThat(r.explanation()).isEqualTo("no batch size meets lag <= 35 ms with q <= 80% of QPS_max on 1 replica;"
        + " 2 would (1 more device), at 73% occupancy: b=3 on 2 replicas: T(3)=11.0 ms (fit), QPS_max 273/replica,"
        + " q 200/replica (73%), lag 16.0 ms <= 35 ms");
  }

  @Test
  void aTargetBelowTheTimeOfABatchOfOneIsUnreachableOnAnyNumberOfDevices() {
    Recommendation r = recommender(4).recommend(LINEAR, 300, 6);

    assertThat(r).isInstanceOf(Unreachable.class);
    assertThat(r.explanation()).isEqualTo(
        "no configuration meets lag <= 6 ms: a batch of 1 alone takes T(1)=7.0 ms; more devices do not help");
  }

  @Test
  void lightTrafficPrefersSmallBatchesSinceWaitingForAFullBatchOnlyAddsLag() {
    // 20 QPS: a batch of one keeps up (QPS_max 142.9) and lags T(1) = 7 ms; b = 2 would lag 9 + 25
    BatchConfiguration c = ((Recommended) recommender(4).recommend(LINEAR, 20, 35)).configuration();
    assertThat(c.batchSize()).isEqualTo(1);
    assertThat(c.replicas()).isEqualTo(1);
    assertThat(c.lagMillis()).isEqualTo(7);
  }

  @Test
  void probingMeasuresOnlyWhatCouldChangeTheChoice() {
    List<Integer> measured = new ArrayList<>();
    Recommendation r = recommender(4).recommend("embedding", b -> {
      measured.add(b);
      return 5 + 2.0 * b;
    }, 300, 35);

    assertThat(((Recommended) r).configuration().batchSize()).isEqualTo(8);
    assertThat(measured).startsWith(1, 2, 4, 8, 16).doesNotHaveDuplicates();
    assertThat(measured.size()).isEqualTo(r.measuredPoints()).isLessThan(16);
  }

  @Test
  void seedsPowersOfTwoAndTheLargestBatchSize() {
    assertThat(Recommender.seedBatchSizes(64)).containsExactly(1, 2, 4, 8, 16, 32, 64);
    assertThat(Recommender.seedBatchSizes(12)).containsExactly(1, 2, 4, 8, 12);
    assertThat(Recommender.seedBatchSizes(1)).containsExactly(1);
  }

  @Test
  void rejectsBadTargetsNamingThem() {
    assertThatThrownBy(() -> recommender(1).recommend(LINEAR, 0, 35)).hasMessage("qps must be a positive number, was 0.0");
    assertThatThrownBy(() -> recommender(1).recommend(LINEAR, 10, -1))
        .hasMessage("lagTargetMillis must be a positive number of ms, was -1.0");
    assertThatThrownBy(() -> TunerConfig.ofDefaults().withHeadroom(1.5)).hasMessage("headroom must be in (0, 1], was 1.5");
    assertThatThrownBy(() -> TunerConfig.ofDefaults().withMaxReplicas(0)).hasMessage("maxReplicas must be >= 1, was 0");
  }

  @Test
  void bestEffortOnTheDevicesThereAreKeepsUpAtTheLowestLagWhenNothingMeetsTheTarget() {
    // 402 QPS on one replica, 35 ms: needs more devices. On the one there is, b = 11 is the
    // smallest batch that keeps up (QPS_max(11) = 11000 / 27 = 407 > 402; b = 10 gives 400) and
    // lags least: 27 + (1000 / 402) x 10 / 2 = 39.44 ms
    Recommender one = recommender(1);
    assertThat(one.recommend(LINEAR, 402, 35)).isInstanceOf(NeedsMoreDevices.class);

    BatchConfiguration c = one.bestEffort(LINEAR, 402);

    assertThat(c.batchSize()).isEqualTo(11);
    assertThat(c.replicas()).isEqualTo(1);
    assertThat(c.lagMillis()).isCloseTo(27 + 1000.0 / 402 * 5, within(1e-9));
  }

  @Test
  void bestEffortWhenEveryBatchSaturatesTakesTheMostThroughput() {
    BatchConfiguration c = recommender(1).bestEffort(LINEAR, 2000);

    assertThat(c.saturated()).isTrue();
    assertThat(c.batchSize()).isEqualTo(16); // QPS_max(16) = 16000 / 37 = 432, the most
  }
}
