package io.tbms.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.tbms.common.time.Clock;
import io.tbms.resources.testing.Eventually;
import io.tbms.report.tuning.TuningChange;
import io.tbms.report.tuning.TuningLog;
import io.tbms.resources.testing.TestCluster;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two brokers' report channels on two real Hazelcast members: either one shows the cluster. */
class ReportChannelClusterTest {

  private final Vertx vertx = Vertx.vertx();
  private final String cluster = TestCluster.uniqueName();
  private final HazelcastInstance first = TestCluster.member(cluster);
  private final HazelcastInstance second = TestCluster.member(cluster);
  private final ReportConfig config = new ReportConfig(Duration.ofSeconds(10), 60, 6, 3, Duration.ofMillis(50));
  private final JsonObject noDevices = new JsonObject().put("devices", new JsonArray()).put("advice", new JsonArray());
  private final ReportChannel one = ReportChannel.start(vertx, first, config, Clock.system(), () -> noDevices, JsonObject::new);
  private final ReportChannel two = ReportChannel.start(vertx, second, config, Clock.system(), () -> noDevices, JsonObject::new);

  @AfterEach
  void stop() throws Exception {
    one.stop();
    two.stop();
    second.shutdown();
    first.shutdown();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void eachBrokerReportsTheAnswersAndLagOfBoth() throws Exception {
    assertThat(first.getCluster().getMembers()).hasSize(2);
    for (int i = 0; i < 3; i++) {
      one.accept(new ReportEvent.Answered("demo", "faq", "embedding", 0, 30_000_000));
      one.accept(new ReportEvent.LagSample("embedding", 30_000_000));
    }
    two.accept(new ReportEvent.Answered("demo", "faq", "svm", 1, 40_000_000));
    two.accept(new ReportEvent.LagSample("svm", 20_000_000));
    two.accept(new ReportEvent.CircuitChanged("svm", "10.0.0.1:8001", "OPEN"));

    JsonObject report = reportOfBoth(one);

    assertThat(report.getInteger("brokers")).isEqualTo(2);
    JsonObject faq = report.getJsonObject("downgrade").getJsonObject("faq");
    assertThat(faq.getLong("queries")).isEqualTo(4);
    assertThat(faq.getDouble("downgraded")).isEqualTo(0.25);
    assertThat(report.getJsonObject("lag").fieldNames()).containsExactlyInAnyOrder("embedding", "svm");
    assertThat(report.getJsonObject("circuits").getJsonObject("svm").getString("10.0.0.1:8001")).isEqualTo("OPEN");
    JsonObject fromTwo = reportOfBoth(two);
    assertThat(fromTwo.getJsonObject("downgrade").getJsonObject("faq").getLong("queries")).isEqualTo(4);
  }

  @Test
  void aTuningChangePublishedOnOneMemberIsListedNewestFirstInEitherReport() throws Exception {
    TuningLog log = new TuningLog(first);
    log.publish(new TuningChange(1_000, "embedding", "apply", 8, 4, 2.5, 120, 35, "b=4 on 2 replicas: ..."));
    log.publish(new TuningChange(2_000, "embedding", "watch", 4, 1, 0, 20, 35, "b=1 on 2 replicas: ..."));

    JsonArray tuning = two.report().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).getJsonArray("tuning");

    assertThat(tuning).hasSize(2);
    assertThat(TuningChange.fromJson(tuning.getJsonObject(0)))
        .isEqualTo(new TuningChange(2_000, "embedding", "watch", 4, 1, 0, 20, 35, "b=1 on 2 replicas: ..."));
    assertThat(tuning.getJsonObject(1).getInteger("batch_size")).isEqualTo(4);
    assertThat(new TuningLog(second).recent(1)).extracting(TuningChange::source).containsExactly("watch");
  }

  /** The channel's report once it holds the other broker's counts (each shares them every 50 ms). */
  private static JsonObject reportOfBoth(ReportChannel channel) throws Exception {
    return Eventually.value(Duration.ofSeconds(20), Eventually.EVERY,
        () -> channel.report().toCompletionStage().toCompletableFuture().join(), r -> r.getInteger("brokers") == 2);
  }
}
