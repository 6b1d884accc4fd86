package io.tbms.resources;

import static io.tbms.resources.testing.Zoo.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.common.time.Clock;
import io.tbms.resources.testing.Eventually;
import io.tbms.resources.testing.Zoo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resource manager against the real reference model server on loopback, without a cluster. */
class ModelZooEndToEndTest {

  private Zoo zoo;
  private Vertx vertx;
  private ResourceManager manager;
  private final List<OccupancyEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    zoo = Zoo.start();
    vertx = Vertx.vertx();
    ResourceManagerConfig config = ResourceManagerConfig.ofDefaults().withTargets(List.of(zoo.target()))
        .withScrapeInterval(Duration.ofMillis(200)).withNvidiaSmi(false);
    manager = await(ResourceManager.start(vertx, config, null, Clock.system()));
    manager.onOccupancy(events::add);
  }

  @AfterEach
  void stop() throws Exception {
    await(manager.stop());
    await(vertx.close());
    if (zoo != null) {
      zoo.close();
    }
  }

  @Test
  void discoversEmbeddingOnBothGpusAndTheCpuModels() {
    ResourceSnapshot snapshot = manager.snapshot();

    assertThat(snapshot.devices()).extracting(DeviceOccupancy::id)
        .containsExactly("127.0.0.1/cpu", "127.0.0.1/gpu0", "127.0.0.1/gpu1");
    String address = zoo.target().kserveAddress();
    assertThat(snapshot.replicas()).contains(
        new ReplicaPlacement("embedding", address, List.of("127.0.0.1/gpu0", "127.0.0.1/gpu1"), false),
        new ReplicaPlacement("svm", address, List.of("127.0.0.1/cpu"), false),
        new ReplicaPlacement("bayes", address, List.of("127.0.0.1/cpu"), false),
        new ReplicaPlacement("keyword", address, List.of("127.0.0.1/cpu"), false));
    DeviceOccupancy gpu0 = snapshot.devices().get(1);
    assertThat(gpu0.kind()).isEqualTo(DeviceKind.GPU);
    assertThat(gpu0.models()).containsOnlyKeys("embedding");
    assertThat(gpu0.memoryTotalBytes()).isEqualTo(16L << 30);
    assertThat(snapshot.devices().get(0).memoryTotalBytes()).isPositive();
    assertThat(manager.replicaDown("embedding", address)).isFalse();
    assertThat(manager.deviceUsed("127.0.0.1", "gpu0")).isPresent();
    assertThat(manager.deviceUsed("127.0.0.1", "gpu9")).isEmpty();
    assertThat(snapshot.toJson().getJsonArray("devices")).hasSize(3);
  }

  @Test
  void emulatedGpuOccupancyRisesUnderLoad() throws Exception {
    boolean busy = Eventually.holds(Duration.ofSeconds(30), () -> {
      try {
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          calls.add(zoo.infer("embedding", "set a 4 minute timer", "what is my credit score"));
        }
        await(Future.all(calls));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      DeviceOccupancy gpu0 = device("gpu0");
      DeviceOccupancy gpu1 = device("gpu1");
      return gpu0.used() + gpu1.used() > 0 && gpu0.models().get("embedding") + gpu1.models().get("embedding") > 0;
    });

    assertThat(busy).as("an emulated GPU reports use and embedding's share, %s", manager.snapshot().devices()).isTrue();
    assertThat(events).anySatisfy(e -> assertThat(e.occupancy().name()).isEqualTo("gpu0"));
  }

  @Test
  void flagsTheBackendDownWhenItStopsAnswering() throws Exception {
    String address = zoo.target().kserveAddress();
    Map<String, Double> before = device("gpu0").models();
    zoo.close();
    zoo = null;

    assertThat(Eventually.holds(Duration.ofSeconds(20), () -> manager.replicaDown("embedding", address))).isTrue();
    assertThat(manager.deviceUsed("127.0.0.1", "gpu0")).isEmpty();
    assertThat(device("gpu0").down()).isTrue();
    assertThat(device("gpu0").models()).containsOnlyKeys(before.keySet());
  }

  private DeviceOccupancy device(String name) {
    return manager.snapshot().devices().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
  }
}
