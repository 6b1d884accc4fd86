package io.tbms.resources;

import static io.tbms.resources.testing.Zoo.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.tbms.common.time.Clock;
import io.tbms.resources.internal.SharedState;
import io.tbms.resources.testing.Eventually;
import io.tbms.resources.testing.TestCluster;
import io.tbms.resources.testing.Zoo;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two real Hazelcast members on loopback: the oldest scrapes, the other sees the same state. */
class ClusterSharingTest {

  private Zoo zoo;
  private HazelcastInstance oldest;
  private HazelcastInstance younger;
  private Vertx vertx;
  private ResourceManager scraping;
  private ResourceManager reading;

  @BeforeEach
  void start() throws Exception {
    zoo = Zoo.start();
    String cluster = TestCluster.uniqueName();
    oldest = TestCluster.member(cluster);
    younger = TestCluster.member(cluster);
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    for (ResourceManager manager : new ResourceManager[] {reading, scraping}) {
      if (manager != null) {
        await(manager.stop());
      }
    }
    await(vertx.close());
    younger.shutdown();
    oldest.shutdown();
    zoo.close();
  }

  @Test
  void theYoungerMemberSeesWhatTheOldestScraped() throws Exception {
    assertThat(oldest.getCluster().getMembers()).hasSize(2);
    assertThat(new SharedState(oldest).scrapes()).isTrue();
    assertThat(new SharedState(younger).scrapes()).isFalse();
    ResourceManagerConfig config = ResourceManagerConfig.ofDefaults().withTargets(List.of(zoo.target()))
        .withScrapeInterval(Duration.ofMillis(200)).withNvidiaSmi(false);
    // the younger one starts first: it never scrapes, it reads what the oldest shares
    reading = await(ResourceManager.start(vertx, config, younger, Clock.system()));
    List<OccupancyEvent> seen = new CopyOnWriteArrayList<>();
    reading.onOccupancy(seen::add);
    assertThat(reading.snapshot().devices()).isEmpty();
    scraping = await(ResourceManager.start(vertx, config, oldest, Clock.system()));

    assertThat(Eventually.holds(Duration.ofSeconds(20), () -> reading.snapshot().devices().size() == 3)).isTrue();
    assertThat(Eventually.holds(Duration.ofSeconds(20), () -> reading.snapshot().replicas().size() == 4)).isTrue();
    assertThat(reading.snapshot().replicas()).extracting(ReplicaPlacement::model)
        .containsExactlyInAnyOrder("embedding", "svm", "bayes", "keyword");
    assertThat(reading.deviceUsed("127.0.0.1", "gpu1")).isPresent();
    assertThat(reading.replicaDown("embedding", zoo.target().kserveAddress())).isFalse();
    // listeners run just after the snapshot is replaced, on the manager's event loop
    assertThat(Eventually.holds(Duration.ofSeconds(5), () -> !seen.isEmpty())).isTrue();
    assertThat(oldest.getMap(SharedState.DEVICES).keySet())
        .containsExactlyInAnyOrder("127.0.0.1/cpu", "127.0.0.1/gpu0", "127.0.0.1/gpu1");
  }
}
