package io.tbms.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.backend.BackendConfig;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.testing.AnswerInvariant;
import io.tbms.broker.testing.FaultProxy;
import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.tbms.resources.testing.Eventually;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each backend fault, injected under steady load between the broker and the svm model's server
 * (a {@link FaultProxy}: killed, stalled, answering garbage, resetting connections): queries
 * downgrade to keyword, svm's circuit opens and, once the fault is gone, closes again; and the
 * {@link AnswerInvariant} holds for every query throughout: one terminal answer, nothing fired past
 * its budget.
 */
class BackendFaultsTest {

  private static final int BUDGET_MS = 200;
  private static final Duration PATIENCE = Duration.ofSeconds(40);

  static FaultProxy proxy;
  static Stack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = Stack.start(ZooConfig.ofDefaults().withPorts(0, 0, 0), config -> {
      List<ModelConfig> models = new ArrayList<>();
      for (ModelConfig model : config.models()) {
        if (model.name().equals("svm")) {
          ReplicaConfig direct = model.replicas().get(0);
          try {
            proxy = new FaultProxy(direct.host(), direct.port());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          model = new ModelConfig(model.name(),
              List.of(new ReplicaConfig("127.0.0.1", proxy.port(), direct.transport(), direct.device())),
              model.labelOutput(), model.scoreOutput(), model.defaultEstimate(), model.batchSize());
        }
        models.add(model);
      }
      return config.withModels(models)
          .withBackend(BackendConfig.builder().window(10, 10).waitInOpenState(Duration.ofSeconds(1)).build());
    });
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
    proxy.close();
  }

  @ParameterizedTest
  @EnumSource(value = FaultProxy.Mode.class, names = {"KILLED", "STALL", "GARBAGE", "RESET"})
  void queriesDowngradeTheCircuitOpensAndClosesAgainAndEveryQueryGetsATerminalAnswer(FaultProxy.Mode fault) throws Exception {
    AnswerInvariant invariant = new AnswerInvariant();
    Set<String> circuitStates = ConcurrentHashMap.newKeySet();
    Load load = new Load(invariant, circuitStates);
    load.start();
    try {
      until(() -> invariant.answeredBy("svm") >= 10, "svm answers before the fault");

      proxy.mode(fault);
      int keywordBefore = invariant.answeredBy("keyword");
      until(() -> circuitStates.contains("OPEN"), "svm's circuit opens under " + fault);
      until(() -> invariant.answeredBy("keyword") >= keywordBefore + 10, "queries downgrade to keyword");

      proxy.mode(FaultProxy.Mode.PASS);
      int svmAfter = invariant.answeredBy("svm");
      until(() -> "CLOSED".equals(load.circuit()) && invariant.answeredBy("svm") >= svmAfter + 10,
          "svm's circuit closes again and svm answers once the fault is gone");
    } finally {
      load.stop();
      proxy.mode(FaultProxy.Mode.PASS);
    }
    System.out.printf("fault %-8s queries %4d  by svm %4d  by keyword %4d  EMPTY %3d  circuit states %s  violations %d"
        + "  latest past budget %.1f ms%n", fault, invariant.checked(), invariant.answeredBy("svm"),
        invariant.answeredBy("keyword"), invariant.answeredBy("EMPTY"), new TreeSet<>(circuitStates),
        invariant.violations().size(), invariant.maxLateMillis());
    assertThat(invariant.violations()).as("of " + invariant.checked() + " queries").isEmpty();
    assertThat(invariant.checked()).isGreaterThan(40);
  }

  /**
   * Two callers sending the chain svm → keyword with a 200 ms budget, one every 15 ms each, and a
   * watcher of svm's circuit every 50 ms, on a scheduler (a tick that runs late is not made up).
   */
  static final class Load {
    final AnswerInvariant invariant;
    final Set<String> circuitStates;
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3);
    final SignedHttp http = new SignedHttp(stack.broker.port());
    final AtomicInteger ids = new AtomicInteger();
    volatile String circuit = "";

    Load(AnswerInvariant invariant, Set<String> circuitStates) {
      this.invariant = invariant;
      this.circuitStates = circuitStates;
    }

    void start() {
      for (int caller = 0; caller < 2; caller++) {
        scheduler.scheduleWithFixedDelay(this::send, caller * 7, 15, TimeUnit.MILLISECONDS);
      }
      scheduler.scheduleWithFixedDelay(this::watch, 0, 50, TimeUnit.MILLISECONDS);
    }

    private void send() {
      String id = "q" + ids.incrementAndGet();
      HttpResponse<String> response = null;
      Exception failure = null;
      try {
        response = http.post("/v1/try", "{\"task\":\"faults\",\"query\":{\"text\":\"what is my balance\"},"
            + "\"budget_ms\":" + BUDGET_MS + ",\"models\":[{\"name\":\"svm\",\"est_ms\":25},{\"name\":\"keyword\",\"est_ms\":5}]}");
      } catch (Exception e) {
        failure = e;
      }
      invariant.record(id, BUDGET_MS, response, failure);
    }

    private void watch() {
      try {
        JsonArray models = new JsonObject(http.get("/api/models").body()).getJsonArray("models");
        for (int i = 0; i < models.size(); i++) {
          if (models.getJsonObject(i).getString("name").equals("svm")) {
            circuit = models.getJsonObject(i).getJsonArray("replica_status").getJsonObject(0).getString("circuit");
            circuitStates.add(circuit);
          }
        }
      } catch (Exception e) {
        circuitStates.add("unreadable: " + e);
      }
    }

    String circuit() {
      return circuit;
    }

    void stop() throws InterruptedException {
      scheduler.shutdown();
      assertThat(scheduler.awaitTermination(10, TimeUnit.SECONDS)).as("the load's last queries end").isTrue();
    }
  }

  private static void until(BooleanSupplier condition, String what) throws InterruptedException {
    assertThat(Eventually.holds(PATIENCE, condition)).as("within " + PATIENCE.toSeconds() + " s: " + what).isTrue();
  }
}
