package io.tbms.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fresh broker against the real model server warms every replica before {@code /readyz} turns
 * green, and neither its warm-up calls nor the calls of queries served before it was ready leave a
 * sample in the lag statistics. One model's replica sits
 * behind a {@link FaultProxy}: held, its warm-up call keeps the broker not ready until released;
 * killed, its failure is reported and does not hold the other models back.
 */
class WarmBeforeReadyTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final List<String> MODELS = List.of("embedding", "svm", "bayes", "keyword");

  private FaultProxy proxy;
  private Stack stack;

  @AfterEach
  void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  /** A cold stack whose {@code model} is reached through {@link #proxy}, in {@code mode} from the start. */
  private SignedHttp coldStackWithProxied(String model, FaultProxy.Mode mode) throws Exception {
    stack = Stack.startCold(ZooConfig.ofDefaults().withPorts(0, 0, 0), config -> {
      List<ModelConfig> models = new ArrayList<>();
      for (ModelConfig m : config.models()) {
        if (m.name().equals(model)) {
          ReplicaConfig direct = m.replicas().get(0);
          try {
            proxy = new FaultProxy(direct.host(), direct.port());
            proxy.mode(mode);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          m = new ModelConfig(m.name(), List.of(new ReplicaConfig("127.0.0.1", proxy.port(), direct.transport(),
              direct.device())), m.labelOutput(), m.scoreOutput(), m.defaultEstimate(), m.batchSize());
        }
        models.add(m);
      }
      return config.withModels(models);
    });
    return new SignedHttp(stack.broker.port());
  }

  private static JsonObject body(HttpResponse<String> response) {
    return new JsonObject(response.body());
  }

  /** The one replica's warm-up of {@code model}, as {@code /readyz} reports it. */
  private static String warmUpOf(JsonObject readyz, String model) {
    JsonObject replicas = readyz.getJsonObject("warm_up").getJsonObject(model);
    assertThat(replicas).as("warm_up of " + model).isNotNull();
    return (String) replicas.getMap().values().iterator().next();
  }

  private static JsonObject modelInfo(SignedHttp http, String model) throws Exception {
    JsonArray models = new JsonObject(http.get("/api/models").body()).getJsonArray("models");
    for (int i = 0; i < models.size(); i++) {
      if (models.getJsonObject(i).getString("name").equals(model)) {
        return models.getJsonObject(i);
      }
    }
    throw new AssertionError("no model " + model);
  }

  @Test
  void staysNotReadyWhileAModelWarmsUpThenReadyWithNoWarmUpSampleInTheLagStats() throws Exception {
    SignedHttp http = coldStackWithProxied("svm", FaultProxy.Mode.HOLD);

    // the three direct models warm up; svm's call is held, and so is readiness
    HttpResponse<String> notReady = Eventually.value(PATIENCE, Eventually.EVERY, () -> http.get("/readyz"),
        r -> List.of("embedding", "bayes", "keyword").stream().allMatch(m -> warmUpOf(body(r), m).startsWith("warm (")));
    assertThat(notReady.statusCode()).as(notReady.body()).isEqualTo(503);
    JsonObject held = body(notReady);
    assertThat(held.getString("status")).isEqualTo("not ready");
    assertThat(held.getString("reason")).contains("warming up").contains("svm at 127.0.0.1:" + proxy.port());
    assertThat(held.getJsonObject("models").getString("svm")).isEqualTo("warming");
    assertThat(warmUpOf(held, "svm")).isEqualTo("warming");
    assertThat(stack.broker.warmedUp().isComplete()).isFalse();
    // a query before the broker is ready is served, but its call is a cold-start sample: not kept
    HttpResponse<String> early = http.post("/v1/try", "{\"query\":{\"text\":\"set an alarm for 7 am\"},"
        + "\"budget_ms\":5000,\"models\":[{\"name\":\"bayes\"}]}");
    assertThat(body(early).getString("status")).as(early.body()).isEqualTo("ANSWERED");
    assertThat(modelInfo(http, "bayes").getValue("lag_ms")).as("lag of bayes before ready").isNull();

    proxy.mode(FaultProxy.Mode.PASS);
    HttpResponse<String> ready = Eventually.value(PATIENCE, Eventually.EVERY, () -> http.get("/readyz"),
        r -> r.statusCode() == 200);
    JsonObject green = body(ready);
    assertThat(green.getString("status")).isEqualTo("ready");
    for (String model : MODELS) {
      assertThat(warmUpOf(green, model)).as(model).startsWith("warm (");
      assertThat(green.getJsonObject("models").getString(model)).as(model).isEqualTo("ok");
      // four warm-up calls answered, and not one of them is a lag sample
      assertThat(modelInfo(http, model).getValue("lag_ms")).as("lag of " + model + " after warm-up").isNull();
    }
    Stack.await(stack.broker.warmedUp());

    // a query's call is one: the lag statistics do record real calls
    HttpResponse<String> answer = http.post("/v1/try", "{\"query\":{\"text\":\"set an alarm for 7 am\"},"
        + "\"budget_ms\":5000,\"models\":[{\"name\":\"svm\"}]}");
    assertThat(body(answer).getString("status")).as(answer.body()).isEqualTo("ANSWERED");
    assertThat(modelInfo(http, "svm").getValue("lag_ms")).isNotNull();
  }

  @Test
  void aReplicaThatFailsItsWarmUpIsReportedAndDoesNotHoldTheOtherModelsBack() throws Exception {
    SignedHttp http = coldStackWithProxied("bayes", FaultProxy.Mode.KILLED);
    Stack.await(stack.broker.warmedUp());

    HttpResponse<String> ready = http.get("/readyz");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    JsonObject green = body(ready);
    assertThat(green.getJsonObject("models").getString("bayes")).isEqualTo("warm-up failed");
    assertThat(warmUpOf(green, "bayes")).startsWith("failed: TRANSPORT").contains("127.0.0.1:" + proxy.port());
    for (String model : List.of("embedding", "svm", "keyword")) {
      assertThat(warmUpOf(green, model)).as(model).startsWith("warm (");
    }
  }
}
