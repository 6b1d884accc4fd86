package io.tbms.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.tbms.broker.config.ClusterConfig;
import io.tbms.broker.lag.LocalLagStats;
import io.tbms.broker.lag.internal.SharedLagStats;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.broker.registry.internal.HazelcastModelRegistry;
import io.tbms.common.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real Hazelcast members on loopback, as two brokers would run them: the registry and its live
 * batch size, and each broker's lag statistics, are one view for both.
 */
class SharedStateTest {

  static HazelcastInstance first;
  static HazelcastInstance second;

  @BeforeAll
  static void start() {
    ClusterConfig cluster = new ClusterConfig("tbms-shared-" + Long.toHexString(System.nanoTime()), "127.0.0.1", 5901,
        List.of("127.0.0.1:5901", "127.0.0.1:5902"));
    first = ClusterMember.start(cluster);
    second = ClusterMember.start(cluster);
  }

  @AfterAll
  static void stop() {
    second.shutdown();
    first.shutdown();
  }

  static ModelConfig model(String name, int batchSize) {
    return new ModelConfig(name, List.of(new ReplicaConfig("127.0.0.1", 8001, Transport.GRPC, "gpu0")),
        "LABEL", "SCORE", Duration.ofMillis(35), batchSize);
  }

  /** Replicated maps converge asynchronously; wait (bounded) for the other member to see a value. */
  static void eventually(Runnable check) throws InterruptedException {
    AssertionError last = null;
    for (int i = 0; i < 100; i++) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        last = e;
        Thread.sleep(50); // waiting for replication, not for time to pass in the code under test
      }
    }
    throw last;
  }

  @Test
  void formOneClusterOnLoopback() {
    assertThat(first.getCluster().getMembers()).hasSize(2);
  }

  @Test
  void aModelRegisteredOnOneBrokerAndItsLiveBatchSizeReachTheOther() throws Exception {
    HazelcastModelRegistry a = new HazelcastModelRegistry(first);
    HazelcastModelRegistry b = new HazelcastModelRegistry(second);
    List<Integer> seenByB = new CopyOnWriteArrayList<>();
    b.onChange(models -> {
      if (models.containsKey("embedding")) {
        seenByB.add(models.get("embedding").batchSize());
      }
    });
    a.register(model("embedding", 8));
    eventually(() -> assertThat(b.model("embedding")).map(ModelConfig::batchSize).contains(8));
    a.setBatchSize("embedding", 16);
    eventually(() -> assertThat(b.model("embedding")).map(ModelConfig::batchSize).contains(16));
    eventually(() -> assertThat(seenByB).contains(16));
  }

  @Test
  void eachBrokerSeesThePeersLagAndTakesTheLargest() throws Exception {
    ManualClock clock = new ManualClock();
    SharedLagStats a = new SharedLagStats(new LocalLagStats(Duration.ofSeconds(2), 0.95), first, clock);
    SharedLagStats b = new SharedLagStats(new LocalLagStats(Duration.ofSeconds(2), 0.95), second, clock);
    a.record("svm", 40_000_000L, clock.nanoTime());
    b.record("svm", 10_000_000L, clock.nanoTime());
    assertThat(b.lag("svm", clock.nanoTime())).hasValue(10_000_000L); // before sharing: its own view
    a.publish();
    eventually(() -> {
      b.publish();
      assertThat(b.lag("svm", clock.nanoTime())).hasValue(40_000_000L);
    });
    assertThat(a.lag("bayes", clock.nanoTime())).isEmpty();
  }
}
