package io.tbms.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.auth.Credential;
import io.tbms.broker.config.InstanceConfig;
import io.tbms.broker.testing.SignedGrpc;
import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.tbms.protocol.broker.v1.ModelRef;
import io.tbms.protocol.broker.v1.Query;
import io.tbms.protocol.broker.v1.TryRequest;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-instance limits: a limited instance may send 5 queries per second to a broker, more get 429
 * (gRPC RESOURCE_EXHAUSTED) with a retry hint; another instance on the same broker is not slowed
 * by it, and its keys reach only its own models and its own report rows.
 */
class InstanceLimitsTest {

  private static final String CHAIN = "[{\"name\":\"svm\",\"est_ms\":25},{\"name\":\"keyword\",\"est_ms\":5}]";

  static Stack stack;
  static SignedHttp http;

  @BeforeAll
  static void start() throws Exception {
    stack = Stack.start(ZooConfig.ofDefaults().withPorts(0, 0, 0), config -> {
      List<InstanceConfig> instances = new ArrayList<>(config.instances()); // demo, unlimited, for the warm-up
      instances.add(limited("limited-http"));
      instances.add(limited("limited-grpc"));
      instances.add(new InstanceConfig("other", Set.of("svm"), List.of(new Credential("other-id", "other-key", "other")),
          List.of()));
      return config.withInstances(instances);
    });
    http = new SignedHttp(stack.broker.port());
  }

  /** An instance of its own per test, so that no other query has spent its second's 5 queries. */
  private static InstanceConfig limited(String name) {
    return new InstanceConfig(name, Set.of("svm", "keyword"), List.of(new Credential(name, name + "-key", name)), List.of(), 5);
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  @Test
  void aBurstOverTheInstancesLimitIsRefused429WithRetryAfterAndOtherInstancesAreNotSlowed() throws Exception {
    int answered = 0;
    int refused = 0;
    long start = System.nanoTime();
    for (int i = 0; i < 30; i++) {
      HttpResponse<String> response = post("limited-http", "limited-http-key", "[{\"name\":\"keyword\",\"est_ms\":5}]");
      if (response.statusCode() == 200) {
        answered++;
      } else {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("1");
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("status")).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.getString("message")).isEqualTo(
            "instance 'limited-http' is over its limit of 5 queries/s on this broker; retry after 1 s");
        refused++;
      }
      HttpResponse<String> other = post("other-id", "other-key", "[{\"name\":\"svm\",\"est_ms\":25}]");
      assertThat(other.statusCode()).as("the other instance, beside it: " + other.body()).isEqualTo(200);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(answered).as("in %.1f s", seconds).isBetween(1, 5 * ((int) Math.ceil(seconds) + 1));
    assertThat(refused).isEqualTo(30 - answered).isPositive();
  }

  @Test
  void overGrpcTheRefusalIsResourceExhaustedWithARetryPushback() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (SignedGrpc grpc = new SignedGrpc(vertx, stack.broker.port())) {
      TryRequest request = TryRequest.newBuilder().setQuery(Query.newBuilder().setText("set an alarm"))
          .setBudgetMs(300).addModels(ModelRef.newBuilder().setName("keyword").setEstMs(5)).build();
      SignedGrpc.Reply refusal = null;
      for (int i = 0; i < 40 && refusal == null; i++) {
        SignedGrpc.Reply reply =
            grpc.call("Try", request.toByteArray(), "limited-grpc", "limited-grpc-key", System.currentTimeMillis(), true);
        if (reply.status() != GrpcStatus.OK) {
          refusal = reply;
        }
      }
      assertThat(refusal).as("40 queries at once pass a limit of 5 per second").isNotNull();
      assertThat(refusal.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
      assertThat(refusal.message()).contains("over its limit of 5 queries/s");
      assertThat(refusal.trailers().get("grpc-retry-pushback-ms")).isEqualTo("1000");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anInstancesKeysReachOnlyItsOwnModels() throws Exception {
    HttpResponse<String> response = post("other-id", "other-key", CHAIN);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message"))
        .isEqualTo("instance 'other' may not use model 'keyword'");
  }

  @Test
  void anInstancesKeysSeeOnlyItsOwnReportRows() throws Exception {
    assertThat(post("other-id", "other-key", "[{\"name\":\"svm\",\"est_ms\":25}]").statusCode()).isEqualTo(200);
    assertThat(http.post("/v1/try", "{\"task\":\"limits\",\"query\":{\"text\":\"set an alarm\"},\"budget_ms\":300,"
        + "\"models\":" + CHAIN + "}").statusCode()).isEqualTo(200); // demo: the same task name, other models

    JsonObject other = new JsonObject(http.getSigned("/v1/report", "other-id", "other-key").body());
    JsonObject demo = new JsonObject(http.getSigned("/v1/report", "demo", "demo-secret-key").body());
    JsonObject operator = new JsonObject(http.get("/api/report").body());

    assertThat(other.getString("instance")).isEqualTo("other");
    assertThat(other.getJsonObject("downgrade").fieldNames()).containsExactly("limits");
    assertThat(other.getJsonObject("downgrade").getJsonObject("limits").getJsonObject("models").getMap())
        .containsOnlyKeys("svm");
    assertThat(other.getJsonObject("batch_config").fieldNames()).containsExactly("svm");
    assertThat(other.getJsonObject("lag").fieldNames()).isSubsetOf("svm");
    assertThat(other.fieldNames()).doesNotContain("traffic", "occupancy", "tuning");
    assertThat(demo.getJsonObject("downgrade").fieldNames()).contains("limits").doesNotContain("other/limits");
    assertThat(demo.getJsonObject("downgrade").getJsonObject("limits").getLong("queries"))
        .isEqualTo(demoQueries(operator));
    assertThat(operator.getJsonObject("downgrade").getJsonObject("other/limits").getString("instance")).isEqualTo("other");

    HttpResponse<String> unsigned = http.get("/v1/report");
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(unsigned.body()).getJsonObject("error").getString("status")).isEqualTo("UNAUTHENTICATED");
    assertThat(http.getSigned("/v1/report", "other-id", "demo-secret-key").statusCode()).isEqualTo(401);
  }

  private static long demoQueries(JsonObject operatorReport) {
    return operatorReport.getJsonObject("downgrade").getJsonObject("demo/limits").getLong("queries");
  }

  private static HttpResponse<String> post(String accessId, String key, String chain) throws Exception {
    return http.post("/v1/try", "{\"task\":\"limits\",\"query\":{\"text\":\"what is my balance\"},\"budget_ms\":300,"
        + "\"models\":" + chain + "}", accessId, key, System.currentTimeMillis());
  }
}
