package io.tbms.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.BrokerServer;
import io.tbms.broker.config.BrokerConfig;
import io.tbms.broker.config.ClusterConfig;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.tbms.common.time.Clock;
import io.tbms.zoo.server.ModelServer;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three brokers in one Hazelcast cluster on loopback, in front of one model server, under steady
 * load: one is killed (its Hazelcast member terminated without leaving, its front closed); the two
 * others keep answering every query, the registry and its live batch config survive, the report
 * goes on; restarted, the broker rejoins and finds the live config the cluster kept.
 */
class ClusterOfThreeTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  static Vertx zooVertx;
  static ModelServer zoo;
  static BrokerConfig config;
  static final List<Vertx> vertxes = new ArrayList<>();

  @BeforeAll
  static void startModelServer() throws Exception {
    zooVertx = Vertx.vertx();
    zoo = await(ModelServer.start(zooVertx, ZooConfig.ofDefaults().withPorts(0, 0, 0), Stack.models(), Clock.system()));
    int base = 6100 + (int) (ProcessHandle.current().pid() % 50) * 10;
    ClusterConfig cluster = new ClusterConfig("tbms-three-" + Long.toHexString(System.nanoTime()), "127.0.0.1", base,
        List.of("127.0.0.1:" + base, "127.0.0.1:" + (base + 1), "127.0.0.1:" + (base + 2)));
    config = BrokerConfig.demo("127.0.0.1", zoo.grpcPort(), zoo.metricsPort()).withPort(0).withCluster(cluster);
  }

  @AfterAll
  static void stop() throws Exception {
    for (Vertx vertx : vertxes) {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
    await(zoo.stop());
    await(zooVertx.close());
  }

  @Test
  void killOneOfThreeUnderLoadTheOthersAnswerEveryQueryAndItRejoinsWithTheLiveConfig() throws Exception {
    List<BrokerServer> brokers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      brokers.add(start());
    }
    until(() -> brokers.stream().allMatch(b -> b.hazelcast().getCluster().getMembers().size() == 3), "three members");
    brokers.get(0).registry().setBatching("svm", 3, Duration.ofMillis(5)); // live config, set on the broker to be killed
    until(() -> brokers.get(2).registry().model("svm").map(ModelConfig::batchSize).orElse(0) == 3, "live config shared");

    Load load = new Load(brokers);
    load.start();
    try {
      load.waitForAnswers(30);
      BrokerServer killed = brokers.get(0);
      load.stopSendingTo(killed.port()); // the load balancer's health check takes it out
      killed.hazelcast().getLifecycleService().terminate(); // no goodbye to the cluster
      await(killed.stop().recover(e -> Future.succeededFuture()));

      until(() -> brokers.get(1).hazelcast().getCluster().getMembers().size() == 2, "the survivors see two members");
      int before = load.answered.get();
      load.waitForAnswers(before + 30);
      ModelConfig svm = brokers.get(2).registry().model("svm").orElseThrow();
      assertThat(svm.batchSize()).as("live batch size kept by the survivors").isEqualTo(3);
      assertThat(svm.maxQueueDelay()).isEqualTo(Duration.ofMillis(5));
      assertThat(brokers.get(1).registry().models().keySet()).containsExactlyInAnyOrder("embedding", "svm", "bayes", "keyword");
      JsonObject report = new JsonObject(new SignedHttp(brokers.get(1).port()).get("/api/report").body());
      assertThat(report.getDouble("queries_per_s")).as("the report goes on").isPositive();

      BrokerServer restarted = start();
      brokers.set(0, restarted);
      until(() -> restarted.hazelcast().getCluster().getMembers().size() == 3, "the restarted broker rejoins");
      assertThat(restarted.registry().model("svm").orElseThrow().batchSize())
          .as("the rejoining broker takes the cluster's live config, not its file's").isEqualTo(3);
      assertThat(brokers.get(1).registry().model("svm").orElseThrow().batchSize())
          .as("nor does it overwrite the cluster's").isEqualTo(3);
      load.sendTo(restarted.port());
      load.waitForAnswers(load.answered.get() + 30);
    } finally {
      load.stop();
    }
    System.out.printf("cluster of three: %d queries answered, %d failures on live brokers%n", load.answered.get(),
        load.failures.size());
    assertThat(load.failures).as("every query sent to a live broker got one terminal answer").isEmpty();
    for (BrokerServer broker : brokers) {
      await(broker.stop().recover(e -> Future.succeededFuture()));
    }
  }

  private static BrokerServer start() throws Exception {
    Vertx vertx = Vertx.vertx();
    vertxes.add(vertx);
    return await(BrokerServer.start(vertx, config, Clock.system()));
  }

  /** Steady load: one query every 10 ms to each broker in turn, each checked. */
  static final class Load {
    final List<Integer> ports = new CopyOnWriteArrayList<>();
    final Map<Integer, SignedHttp> clients = new ConcurrentHashMap<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger answered = new AtomicInteger();
    final AtomicBoolean running = new AtomicBoolean(true);
    final List<Thread> threads = new ArrayList<>();

    Load(List<BrokerServer> brokers) {
      brokers.forEach(b -> sendTo(b.port()));
    }

    void sendTo(int port) {
      clients.put(port, new SignedHttp(port));
      ports.add(port);
    }

    void stopSendingTo(int port) throws InterruptedException {
      ports.remove((Integer) port);
      Thread.sleep(300); // queries already on their way to it are its own: not counted
      failures.removeIf(f -> f.startsWith(port + ":"));
    }

    void start() {
      for (int t = 0; t < 2; t++) {
        Thread thread = new Thread(this::run, "cluster-load-" + t);
        threads.add(thread);
        thread.start();
      }
    }

    private void run() {
      int i = 0;
      while (running.get()) {
        List<Integer> now = List.copyOf(ports);
        int port = now.get(i++ % now.size());
        try {
          HttpResponse<String> response = clients.get(port).post("/v1/try",
              "{\"task\":\"steady\",\"query\":{\"text\":\"what is my balance\"},\"budget_ms\":200,"
                  + "\"models\":[{\"name\":\"svm\",\"est_ms\":25},{\"name\":\"keyword\",\"est_ms\":5}]}");
          String status = response.statusCode() == 200 ? new JsonObject(response.body()).getString("status") : null;
          if ("ANSWERED".equals(status) || "EMPTY".equals(status)) {
            answered.incrementAndGet();
          } else if (ports.contains(port)) {
            failures.add(port + ": HTTP " + response.statusCode() + " " + response.body());
          }
        } catch (Exception e) {
          if (ports.contains(port)) {
            failures.add(port + ": " + e);
          }
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void waitForAnswers(int count) throws InterruptedException {
      until(() -> answered.get() >= count, count + " answers");
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join(5000);
      }
    }
  }

  private static void until(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + what);
      }
      Thread.sleep(50);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
