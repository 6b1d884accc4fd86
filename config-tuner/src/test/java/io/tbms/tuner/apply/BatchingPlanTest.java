package io.tbms.tuner.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tbms.tuner.BatchProfile;
import io.tbms.tuner.ProfilePoint;
import io.tbms.tuner.Recommended;
import io.tbms.tuner.Recommender;
import io.tbms.tuner.TunerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchingPlanTest {

  /** T(b) = 5 + 2b ms, measured at 1, 2, 4, 8, 16. */
  private static final BatchProfile LINEAR = new BatchProfile("embedding", List.of(new ProfilePoint(1, 7),
      new ProfilePoint(2, 9), new ProfilePoint(4, 13), new ProfilePoint(8, 21), new ProfilePoint(16, 37)));

  @Test
  void theQueueDelayIsTheTimeTheRestOfTheBatchTakesToArriveWithinTheLagTarget() {
    // 300 QPS, 35 ms: b=8 on one replica (T(8) = 21 ms); 7 more queries take 1000 x 7 / 300 = 23.3 ms,
    // but T + delay may not pass 35 ms: 14 ms
    Recommended r = (Recommended) new Recommender(TunerConfig.ofDefaults().withMaxBatchSize(16)).recommend(LINEAR, 300, 35);
    BatchingPlan plan = BatchingPlan.of(r, 300);

    assertThat(plan.batchSize()).isEqualTo(8);
    assertThat(plan.maxQueueDelayMillis()).isCloseTo(14.0, within(1e-9));
    assertThat(plan.maxQueueDelayMicros()).isEqualTo(14_000);
    assertThat(plan.explanation()).startsWith("b=8 on 1 replica").endsWith("queue delay 14.0 ms");
  }

  @Test
  void aLightlyLoadedModelWaitsOnlyForTheQueriesItsBatchNeeds() {
    assertThat(BatchingPlan.queueDelayMillis(4, 200, 10, 100)).isCloseTo(15.0, within(1e-9)); // 3 x 5 ms
    assertThat(BatchingPlan.queueDelayMillis(1, 200, 10, 100)).isZero();
    assertThat(BatchingPlan.queueDelayMillis(4, 200, 120, 100)).as("never negative").isZero();
  }

  @Test
  void aBestEffortPlanDoesNotWaitForItsBatchAndSaysWhatWouldMeetTheTarget() {
    Recommender one = new Recommender(TunerConfig.ofDefaults().withMaxReplicas(1).withMaxBatchSize(16));
    BatchingPlan plan = BatchingPlan.bestEffort("embedding", one.bestEffort(LINEAR, 402), 402, 35, "2 devices would meet the target");

    assertThat(plan.batchSize()).isEqualTo(11);
    assertThat(plan.maxQueueDelayMillis()).isZero();
    assertThat(plan.explanation()).startsWith("best effort: b=11 on 1 replica").contains("lag 39.4 ms > 35 ms")
        .endsWith("; no queue delay (2 devices would meet the target)");
  }

  @Test
  void rendersTheTritonBlockAndTheLoadOverride() {
    BatchingPlan plan = BatchingPlan.manual("svm", 4, 2.5);
    assertThat(TritonBatching.pbtxt(plan)).isEqualTo(String.format(
        "dynamic_batching {%n  preferred_batch_size: [ 4 ]%n  max_queue_delay_microseconds: 2500%n}%n"));
    assertThat(TritonBatching.overrideJson(plan))
        .isEqualTo("{\"dynamic_batching\":{\"preferred_batch_size\":[4],\"max_queue_delay_microseconds\":2500}}");
  }

  @Test
  void refusesABadPlanNamingTheValue() {
    assertThatThrownBy(() -> BatchingPlan.manual("svm", 0, 1)).hasMessage("batch size must be >= 1, was 0");
    assertThatThrownBy(() -> BatchingPlan.manual("svm", 2, -1)).hasMessage("queue delay must be >= 0 ms, was -1.0");
  }
}
