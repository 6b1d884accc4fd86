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
import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

  @Test
  void formOneClusterOnLoopback() {
    assertThat(first.getCluster().getMembers()).hasSize(2);
  }

  @Test
  void aModelRegisteredOnOneBrokerAndItsLiveBatchSizeReachTheOther() throws Exception {
    HazelcastModelRegistry a = new HazelcastModelRegistry(first);
    HazelcastModelRegistry b = new HazelcastModelRegistry(second);
    CompletableFuture<Void> registered = new CompletableFuture<>();
    CompletableFuture<Void> resized = new CompletableFuture<>();
    b.onChange(models -> {
      ModelConfig seen = models.get("embedding");
      if (seen != null) {
        (seen.batchSize() == 16 ? resized : registered).complete(null);
      }
    });
    a.register(model("embedding", 8));
    registered.get(10, TimeUnit.SECONDS);
    assertThat(b.model("embedding")).map(ModelConfig::batchSize).contains(8);
    a.setBatchSize("embedding", 16);
    resized.get(10, TimeUnit.SECONDS);
    assertThat(b.model("embedding")).map(ModelConfig::batchSize).contains(16);
  }

  @Test
  void aTunedBatchSizeAndQueueDelayReachTheOtherBrokerInOneChange() throws Exception {
    HazelcastModelRegistry a = new HazelcastModelRegistry(first);
    HazelcastModelRegistry b = new HazelcastModelRegistry(second);
    CompletableFuture<ModelConfig> tuned = new CompletableFuture<>();
    CompletableFuture<ModelConfig> uncapped = new CompletableFuture<>();
    b.onChange(models -> {
      ModelConfig seen = models.get("svm");
      if (seen != null && seen.batchSize() == 4) {
        (tuned.isDone() && seen.maxQueueDelay() == null ? uncapped : tuned).complete(seen);
      }
    });
    a.register(model("svm", 8));
    a.setBatching("svm", 4, Duration.ofMillis(3));

    ModelConfig seen = tuned.get(10, TimeUnit.SECONDS);
    assertThat(seen.maxQueueDelay()).as("never a half-applied change").isEqualTo(Duration.ofMillis(3));
    a.setBatching("svm", 4, null);
    assertThat(uncapped.get(10, TimeUnit.SECONDS).maxQueueDelay()).isNull();
  }

  @Test
  void eachBrokerSeesThePeersLagAndTakesTheLargest() throws Exception {
    ManualClock clock = new ManualClock();
    SharedLagStats a = new SharedLagStats(new LocalLagStats(Duration.ofSeconds(2), 0.95), first, clock);
    SharedLagStats b = new SharedLagStats(new LocalLagStats(Duration.ofSeconds(2), 0.95), second, clock);
    a.record("svm", 40_000_000L, clock.nanoTime());
    b.record("svm", 10_000_000L, clock.nanoTime());
    assertThat(b.lag("svm", clock.nanoTime())).hasValue(10_000_000L); // before sharing: its own view
    CompletableFuture<Void> arrived = new CompletableFuture<>();
    ReplicatedMap<String, Long> onSecond = second.getReplicatedMap(SharedLagStats.MAP);
    onSecond.addEntryListener(new EntryAdapter<>() {
      @Override
      public void entryAdded(EntryEvent<String, Long> event) {
        if (event.getValue() == 40_000_000L) {
          arrived.complete(null);
        }
      }
    });
    a.publish();
    arrived.get(10, TimeUnit.SECONDS);
    b.publish(); // reads the peers' values
    assertThat(b.lag("svm", clock.nanoTime())).hasValue(40_000_000L);
    assertThat(a.lag("bayes", clock.nanoTime())).isEmpty();
  }
}
