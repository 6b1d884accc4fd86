package io.tbms.broker.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.tbms.broker.backend.BackendConfig;
import io.tbms.broker.config.InstanceConfig;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault injection end to end: two extra models served over KServe v2 REST by WireMock, one
 * failing with 500s and one stalled. Each opens its circuit after the breaker's minimum calls,
 * and from then on queries downgrade without calling it (SKIPPED_CIRCUIT), answered by the real
 * models behind it.
 */
class FaultyBackendTest {

  static final int MINIMUM_CALLS = 4;

  static WireMockServer faulty;
  static Stack stack;
  static SignedHttp http;

  @BeforeAll
  static void start() throws Exception {
    faulty = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    faulty.start();
    faulty.stubFor(post(urlPathEqualTo("/v2/models/flaky/infer"))
        .willReturn(aResponse().withStatus(500).withHeader("content-type", "application/json")
            .withBody("{\"error\":\"injected fault\"}")));
    faulty.stubFor(post(urlPathEqualTo("/v2/models/stalled/infer"))
        .willReturn(aResponse().withStatus(200).withFixedDelay(5_000).withBody("{}")));
    stack = Stack.start(ZooConfig.ofDefaults().withPorts(0, 0, 0), config -> {
      List<ModelConfig> models = new ArrayList<>(config.models());
      models.add(rest("flaky"));
      models.add(rest("stalled"));
      InstanceConfig demo = config.instances().get(0);
      Set<String> allowed = new HashSet<>(demo.models());
      allowed.addAll(Set.of("flaky", "stalled"));
      return config.withModels(models)
          .withInstances(List.of(new InstanceConfig(demo.name(), allowed, demo.credentials(), demo.tasks())))
          .withBackend(BackendConfig.builder().window(MINIMUM_CALLS, MINIMUM_CALLS).waitInOpenState(Duration.ofMinutes(5))
              .build());
    });
    http = new SignedHttp(stack.broker.port());
  }

  static ModelConfig rest(String name) {
    return new ModelConfig(name, List.of(new ReplicaConfig("127.0.0.1", faulty.port(), Transport.REST, "gpu9")),
        ModelConfig.DEFAULT_LABEL_OUTPUT, ModelConfig.DEFAULT_SCORE_OUTPUT, Duration.ofMillis(35), 8);
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
    faulty.stop();
  }

  static JsonObject query(String first) throws Exception {
    // the backup is planned at 150 ms: long enough that, even on a loaded machine, the faulty
    // backend's error (or the stalled one's silence) decides when it fires, not the plan
    var response = http.post("/v1/try", "{\"query\":{\"text\":\"set an alarm for 7 am\"},\"budget_ms\":300,"
        + "\"models\":[{\"name\":\"" + first + "\",\"est_ms\":150},{\"name\":\"keyword\",\"est_ms\":5}]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  static JsonObject entry(JsonObject answer, int i) {
    return answer.getJsonArray("trace").getJsonObject(i);
  }

  static String circuit(String model) throws Exception {
    JsonArray models = new JsonObject(http.get("/api/models").body()).getJsonArray("models");
    for (int i = 0; i < models.size(); i++) {
      if (models.getJsonObject(i).getString("name").equals(model)) {
        return models.getJsonObject(i).getJsonArray("replica_status").getJsonObject(0).getString("circuit");
      }
    }
    throw new AssertionError("no model " + model);
  }

  @Test
  void aFailingBackendFiresTheBackupAtOnceThenOpensItsCircuit() throws Exception {
    for (int i = 0; i < MINIMUM_CALLS; i++) {
      JsonObject answer = query("flaky");
      assertThat(answer.getString("status")).isEqualTo("ANSWERED");
      assertThat(answer.getString("model")).isEqualTo("keyword");
      assertThat(entry(answer, 0).getString("outcome")).isEqualTo("ERROR");
      // the backup did not wait for its planned time (150 ms): it fired when the error came
      assertThat(entry(answer, 1).getDouble("fired_ms")).isEqualTo(entry(answer, 0).getDouble("done_ms"));
    }
    assertThat(circuit("flaky")).isEqualTo("OPEN");
    for (int i = 0; i < 3; i++) {
      JsonObject answer = query("flaky");
      assertThat(answer.getString("model")).isEqualTo("keyword");
      assertThat(answer.getBoolean("downgraded")).isTrue();
      assertThat(entry(answer, 0).getString("outcome")).isEqualTo("SKIPPED_CIRCUIT");
    }
    // the queries' calls, and the broker's one warm-up call at start
    faulty.verify(MINIMUM_CALLS + 1, postRequestedFor(urlPathEqualTo("/v2/models/flaky/infer")));
    assertThat(http.get("/readyz").statusCode()).isEqualTo(200);
    // the metrics say why the calls failed: the backend answered 500
    assertThat(http.get("/metrics").body())
        .contains("tbms_broker_model_errors_total{model=\"flaky\",reason=\"BACKEND_ERROR\"} " + MINIMUM_CALLS + ".0");
    // the report shows the open circuit
    assertThat(new JsonObject(http.get("/api/report").body()).getJsonObject("circuits").getJsonObject("flaky").getMap())
        .containsValue("OPEN");
  }

  @Test
  void aStalledBackendOpensItsCircuitAndIsNoLongerCalled() throws Exception {
    // its calls count against its circuit once it has answered nothing for a second (a loaded
    // model that still answers is not stalled): from then on, MINIMUM_CALLS more open it
    int calls = 0;
    while (!circuit("stalled").equals("OPEN")) {
      assertThat(calls).as("queries before the stalled backend's circuit opened").isLessThan(200);
      JsonObject answer = query("stalled");
      calls++;
      assertThat(answer.getString("model")).isEqualTo("keyword");
      assertThat(entry(answer, 0).getString("outcome")).isEqualTo("CANCELLED");
    }
    assertThat(calls).isGreaterThanOrEqualTo(MINIMUM_CALLS);
    JsonObject answer = query("stalled");
    assertThat(entry(answer, 0).getString("outcome")).isEqualTo("SKIPPED_CIRCUIT");
    // no waiting for its planned time (150 ms) any more: the backup fired the moment it was skipped
    assertThat(entry(answer, 1).getDouble("fired_ms")).isEqualTo(entry(answer, 0).getDouble("fired_ms"));
    // the queries' calls, and the broker's one warm-up call at start
    faulty.verify(calls + 1, postRequestedFor(urlPathEqualTo("/v2/models/stalled/infer")));
  }
}
