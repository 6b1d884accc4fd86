package io.tbms.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.BrokerServer;
import io.tbms.broker.config.BrokerConfig;
import io.tbms.broker.config.ClusterConfig;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.testing.AnswerInvariant;
import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.tbms.resources.testing.Eventually;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
      load.waitForAnswers(load.answered() + 30);
      ModelConfig svm = brokers.get(2).registry().model("svm").orElseThrow();
      assertThat(svm.batchSize()).as("live batch size kept by the survivors").isEqualTo(3);
      assertThat(svm.maxQueueDelay()).isEqualTo(Duration.ofMillis(5));
      assertThat(brokers.get(1).registry().models().keySet()).containsExactlyInAnyOrder("embedding", "svm", "bayes", "keyword");
      JsonObject report = new JsonObject(new SignedHttp(brokers.get(1).port()).get("/api/report").body());
      assertThat(report.getDouble("queries_per_s")).as("the report goes on").isPositive();

      BrokerServer restarted = start();
      brokers.set(0, restarted);
      until(() -> restarted.hazelcast().getCluster().getMembers().size() == 3, "the restarted broker rejoins");
      // a broker that started alone before it found the others joins by merging: its view of the
      // cluster's config follows the merge
      until(() -> restarted.registry().model("svm").orElseThrow().batchSize() == 3,
          "the rejoining broker takes the cluster's live config, not its file's");
      assertThat(brokers.get(1).registry().model("svm").orElseThrow().batchSize())
          .as("nor does it overwrite the cluster's").isEqualTo(3);
      load.sendTo(restarted.port());
      load.waitForAnswers(load.answered() + 30);
    } finally {
      load.stop();
    }
    System.out.printf("cluster of three: %d queries, %d violations of the answer invariant, latest past budget %.1f ms%n",
        load.invariant.checked(), load.invariant.violations().size(), load.invariant.maxLateMillis());
    assertThat(load.invariant.violations())
        .as("every query sent to a live broker: one terminal answer, nothing fired past its budget").isEmpty();
    for (BrokerServer broker : brokers) {
      await(broker.stop().recover(e -> Future.succeededFuture()));
    }
  }

  private static BrokerServer start() throws Exception {
    Vertx vertx = Vertx.vertx();
    vertxes.add(vertx);
    return await(BrokerServer.start(vertx, config, Clock.system()));
  }

  /**
   * Steady load: two callers, each sending a query every 10 ms to the live brokers in turn, every
   * answer checked by the {@link AnswerInvariant}. A broker taken out of the rotation first
   * finishes the queries already sent to it.
   */
  static final class Load {
    static final int BUDGET_MS = 200;

    final List<Integer> ports = new CopyOnWriteArrayList<>();
    final Map<Integer, SignedHttp> clients = new ConcurrentHashMap<>();
    final Map<Integer, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    final AnswerInvariant invariant = new AnswerInvariant();
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    final AtomicInteger next = new AtomicInteger();

    Load(List<BrokerServer> brokers) {
      brokers.forEach(b -> sendTo(b.port()));
    }

    void sendTo(int port) {
      clients.put(port, new SignedHttp(port));
      inFlight.put(port, new AtomicInteger());
      ports.add(port);
    }

    /** Takes the broker out of the rotation and waits for the queries on their way to it to end. */
    void stopSendingTo(int port) throws InterruptedException {
      ports.remove((Integer) port);
      until(() -> inFlight.get(port).get() == 0, "the queries already sent to " + port + " end");
    }

    void start() {
      for (int caller = 0; caller < 2; caller++) {
        scheduler.scheduleWithFixedDelay(this::send, caller * 5, 10, TimeUnit.MILLISECONDS);
      }
    }

    private void send() {
      List<Integer> now = List.copyOf(ports);
      int port = now.get(Math.floorMod(next.getAndIncrement(), now.size()));
      AtomicInteger pending = inFlight.get(port);
      pending.incrementAndGet();
      long sent = System.nanoTime();
      HttpResponse<String> response = null;
      Exception failure = null;
      try {
        response = clients.get(port).post("/v1/try",
            "{\"task\":\"steady\",\"query\":{\"text\":\"what is my balance\"},\"budget_ms\":" + BUDGET_MS
                + ",\"models\":[{\"name\":\"svm\",\"est_ms\":25},{\"name\":\"keyword\",\"est_ms\":5}]}");
      } catch (Exception e) {
        failure = e;
      } finally {
        pending.decrementAndGet();
      }
      invariant.record(port + "#" + sent, BUDGET_MS, response, failure);
    }

    int answered() {
      return invariant.checked() - invariant.violations().size();
    }

    void waitForAnswers(int count) throws InterruptedException {
      until(() -> answered() >= count, count + " answers");
    }

    void stop() throws InterruptedException {
      scheduler.shutdown();
      assertThat(scheduler.awaitTermination(10, TimeUnit.SECONDS)).as("the load's last queries end").isTrue();
    }
  }

  private static void until(BooleanSupplier condition, String what) throws InterruptedException {
    assertThat(Eventually.holds(PATIENCE, condition)).as("within " + PATIENCE.toSeconds() + " s: " + what).isTrue();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
