package io.tbms.broker.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Two changes reported on two threads, the one that read the map first being the slower to
 * finish: the view published last is the newer one (before the fix, the slow, older read
 * overwrote it and a broker's registry lacked models for good).
 */
class RegistrySnapshotTest {

  private final Map<String, ModelConfig> shared = new ConcurrentHashMap<>();

  @Test
  void aSlowOlderRecomputationNeverOverwritesANewerOne() throws Exception {
    CountDownLatch firstRead = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    Thread[] slowThread = new Thread[1];
    Supplier<Map<String, ModelConfig>> decode = () -> {
      Map<String, ModelConfig> view = new TreeMap<>(shared);
      if (Thread.currentThread() == slowThread[0]) { // the slow event thread stalls after reading
        firstRead.countDown();
        await(releaseFirst);
      }
      return Map.copyOf(view);
    };
    RegistrySnapshot snapshot = new RegistrySnapshot(decode);
    List<Map<String, ModelConfig>> seen = new ArrayList<>();

    shared.put("embedding", model("embedding"));
    slowThread[0] = new Thread(() -> snapshot.refresh(view -> record(seen, view)));
    slowThread[0].start();
    await(firstRead);

    shared.put("svm", model("svm"));
    Thread fast = new Thread(() -> snapshot.refresh(view -> record(seen, view)));
    fast.start();
    // the newer refresh either waits for the older one (fixed) or publishes first (the bug)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (fast.isAlive() && fast.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    releaseFirst.countDown();
    slowThread[0].join(5_000);
    fast.join(5_000);

    assertThat(snapshot.get()).containsOnlyKeys("embedding", "svm");
    assertThat(seen).extracting(Map::keySet).last().isEqualTo(Set.of("embedding", "svm"));
  }

  private static synchronized void record(List<Map<String, ModelConfig>> seen, Map<String, ModelConfig> view) {
    seen.add(view);
  }

  private static ModelConfig model(String name) {
    return new ModelConfig(name, List.of(new ReplicaConfig("127.0.0.1", 8001, Transport.GRPC, "cpu")), "LABEL", "SCORE",
        Duration.ofMillis(10), 8);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(5, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
