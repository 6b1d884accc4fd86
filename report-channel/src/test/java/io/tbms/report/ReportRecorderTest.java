package io.tbms.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.common.time.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRecorderTest {

  private final ManualClock clock = new ManualClock(1_000_000_000_000L); // on a 10 s bucket boundary
  private final ReportRecorder recorder = new ReportRecorder("b1", ReportConfig.ofDefaults(), clock);

  @Test
  void countsAnswersByRankAndModelPerTaskInTheirBucket() {
    recorder.accept(new ReportEvent.Answered("demo", "faq", "embedding", 0, 30_000_000));
    recorder.accept(new ReportEvent.Answered("demo", "faq", "svm", 1, 40_000_000));
    recorder.accept(new ReportEvent.Answered("demo", "faq", "", -1, 49_000_000));
    recorder.accept(new ReportEvent.Skipped("demo", "faq", "embedding", "SKIPPED_LAG"));
    recorder.accept(new ReportEvent.Shed("demo", "faq", "svm"));

    BrokerReport report = recorder.export();

    assertThat(report.broker()).isEqualTo("b1");
    assertThat(report.buckets()).hasSize(1);
    BucketCounts bucket = report.buckets().get(0);
    assertThat(bucket.index()).isEqualTo(100_000_000L);
    BucketCounts.TaskCounts faq = bucket.tasks().get(new TaskKey("demo", "faq"));
    assertThat(faq.queries()).isEqualTo(3);
    assertThat(faq.empty()).isEqualTo(1);
    assertThat(faq.ranks()).containsOnly(entry(0, 1L), entry(1, 1L));
    assertThat(faq.models()).containsOnlyKeys("embedding", "svm");
    assertThat(faq.skipped()).isEqualTo(1);
    assertThat(faq.shed()).isEqualTo(1);
  }

  @Test
  void startsANewBucketWhenTheWallClockCrossesItsBoundary() {
    recorder.accept(new ReportEvent.LagSample("svm", 20_000_000));
    clock.advance(Duration.ofSeconds(10));
    recorder.accept(new ReportEvent.LagSample("svm", 30_000_000));
    recorder.accept(new ReportEvent.LagSample("svm", 40_000_000));

    List<BucketCounts> buckets = recorder.export().buckets();

    assertThat(buckets).extracting(BucketCounts::index).containsExactly(100_000_000L, 100_000_001L);
    assertThat(buckets.get(0).lag().get("svm").count()).isEqualTo(1);
    assertThat(buckets.get(1).lag().get("svm").count()).isEqualTo(2);
    assertThat(buckets.get(1).lag().get("svm").sumMicros()).isEqualTo(70_000);
  }

  @Test
  void forgetsBucketsOlderThanTheWindow() {
    recorder.accept(new ReportEvent.Answered("demo", "faq", "svm", 1, 1));
    clock.advance(Duration.ofMinutes(10)); // the first bucket is now just outside the window
    recorder.accept(new ReportEvent.Answered("demo", "faq", "bayes", 2, 1));

    List<BucketCounts> buckets = recorder.export().buckets();

    assertThat(buckets).hasSize(1);
    assertThat(buckets.get(0).tasks().get(new TaskKey("demo", "faq")).models()).containsOnlyKeys("bayes");
  }

  @Test
  void keepsTheLatestCircuitStatePerReplica() {
    recorder.accept(new ReportEvent.CircuitChanged("svm", "127.0.0.1:8001", "OPEN"));
    recorder.accept(new ReportEvent.CircuitChanged("svm", "127.0.0.1:8001", "HALF_OPEN"));
    recorder.accept(new ReportEvent.CircuitChanged("svm", "127.0.0.2:8001", "OPEN"));

    assertThat(recorder.export().circuits().get("svm"))
        .containsOnly(entry("127.0.0.1:8001", "HALF_OPEN"), entry("127.0.0.2:8001", "OPEN"));
  }

  @Test
  void anExportIsNotChangedByLaterEvents() {
    recorder.accept(new ReportEvent.Answered("demo", "faq", "svm", 1, 1));
    BrokerReport before = recorder.export();
    recorder.accept(new ReportEvent.Answered("demo", "faq", "svm", 1, 1));

    assertThat(before.buckets().get(0).tasks().get(new TaskKey("demo", "faq")).queries()).isEqualTo(1);
    assertThat(recorder.export().buckets().get(0).tasks().get(new TaskKey("demo", "faq")).queries()).isEqualTo(2);
  }

  private static <K, V> java.util.Map.Entry<K, V> entry(K key, V value) {
    return java.util.Map.entry(key, value);
  }
}
