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
import io.tbms.protocol.broker.v1.TryResponse;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of docs/design.md §3 over both fronts: the status, the field named, and the server still
 * answering a good query afterwards.
 */
class FrontErrorsTest {

  static Stack stack;
  static SignedHttp http;
  static SignedGrpc grpc;

  @BeforeAll
  static void start() throws Exception {
    stack = Stack.start(ZooConfig.ofDefaults().withPorts(0, 0, 0), config -> {
      List<InstanceConfig> instances = new ArrayList<>(config.instances());
      instances.add(new InstanceConfig("tenant-b", Set.of("keyword"),
          List.of(new Credential("b", "b-secret-key", "tenant-b")), List.of()));
      return config.withInstances(instances);
    });
    http = new SignedHttp(stack.broker.port());
    grpc = new SignedGrpc(stack.vertx, stack.broker.port());
  }

  @AfterAll
  static void stop() throws Exception {
    grpc.close();
    stack.close();
  }

  @AfterEach
  void stillServes() throws Exception {
    HttpResponse<String> response = http.post("/v1/try", json("\"budget_ms\":2000", CHAIN));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("ANSWERED");
    SignedGrpc.Reply reply = grpc.call("Try", good().build());
    assertThat(reply.status()).isEqualTo(GrpcStatus.OK);
    assertThat(TryResponse.parseFrom(reply.body().getBytes()).getStatus()).isEqualTo(TryResponse.Status.STATUS_ANSWERED);
  }

  static final String CHAIN = "\"models\":[{\"name\":\"svm\",\"est_ms\":25},{\"name\":\"keyword\",\"est_ms\":5}]";

  static String json(String... fields) {
    return "{\"query\":{\"text\":\"set an alarm for 7 am\"}," + String.join(",", fields) + "}";
  }

  static TryRequest.Builder good() {
    return TryRequest.newBuilder().setQuery(Query.newBuilder().setText("set an alarm for 7 am")).setBudgetMs(2000)
        .addModels(ModelRef.newBuilder().setName("svm").setEstMs(25))
        .addModels(ModelRef.newBuilder().setName("keyword").setEstMs(5));
  }

  static void assertHttp(HttpResponse<String> response, int status, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonObject error = new JsonObject(response.body()).getJsonObject("error");
    assertThat(error.getInteger("code")).isEqualTo(status);
    assertThat(error.getString("message")).isNotBlank();
    if (field != null) {
      assertThat(error.getString("field")).isEqualTo(field);
      assertThat(error.getString("message")).contains(field);
    }
  }

  static void assertGrpc(SignedGrpc.Reply reply, GrpcStatus status, String field) {
    assertThat(reply.status()).as(reply.message()).isEqualTo(status);
    assertThat(reply.message()).isNotBlank();
    if (field != null) {
      assertThat(reply.message()).contains(field);
    }
  }

  @Test
  void budgetOutOfRangeNamesBudgetMs() throws Exception {
    assertHttp(http.post("/v1/try", json("\"budget_ms\":0", CHAIN)), 400, "budget_ms");
    assertHttp(http.post("/v1/try", json("\"budget_ms\":60001", CHAIN)), 400, "budget_ms");
    assertGrpc(grpc.call("Try", good().setBudgetMs(0).build()), GrpcStatus.INVALID_ARGUMENT, "budget_ms");
    assertGrpc(grpc.call("Try", good().setBudgetMs(60001).build()), GrpcStatus.INVALID_ARGUMENT, "budget_ms");
  }

  @Test
  void priorityOutOfRangeNamesPriority() throws Exception {
    assertHttp(http.post("/v1/try", json("\"budget_ms\":50", CHAIN, "\"priority\":10")), 400, "priority");
    assertHttp(http.post("/v1/try", json("\"budget_ms\":50", CHAIN, "\"priority\":3000000000")), 400, "priority");
    assertHttp(http.post("/v1/try", json("\"budget_ms\":50", CHAIN, "\"priority\":-1")), 400, "priority");
    assertGrpc(grpc.call("Try", good().setPriority(10).build()), GrpcStatus.INVALID_ARGUMENT, "priority");
  }

  @Test
  void emptyOrOversizedChainNamesModels() throws Exception {
    assertHttp(http.post("/v1/try", json("\"budget_ms\":50", "\"models\":[]")), 400, "models");
    StringBuilder seventeen = new StringBuilder("\"models\":[");
    TryRequest.Builder tooLong = good().clearModels();
    for (int i = 0; i < 17; i++) {
      seventeen.append(i == 0 ? "" : ",").append("{\"name\":\"keyword\"}");
      tooLong.addModels(ModelRef.newBuilder().setName("keyword"));
    }
    assertHttp(http.post("/v1/try", json("\"budget_ms\":50", seventeen + "]")), 400, "models");
    assertGrpc(grpc.call("Try", good().clearModels().build()), GrpcStatus.INVALID_ARGUMENT, "models");
    assertGrpc(grpc.call("Try", tooLong.build()), GrpcStatus.INVALID_ARGUMENT, "models");
  }

  @Test
  void unknownModelAndNegativeEstimateNameTheEntry() throws Exception {
    assertHttp(http.post("/v1/try", json("\"budget_ms\":50", "\"models\":[{\"name\":\"gpt\"}]")), 400, "models[0].name");
    assertHttp(http.post("/v1/try", json("\"budget_ms\":50",
        "\"models\":[{\"name\":\"svm\"},{\"name\":\"keyword\",\"est_ms\":-1}]")), 400, "models[1].est_ms");
    assertGrpc(grpc.call("Try", good().setModels(0, ModelRef.newBuilder().setName("gpt")).build()),
        GrpcStatus.INVALID_ARGUMENT, "models[0].name");
    assertGrpc(grpc.call("Try", good().setModels(1, ModelRef.newBuilder().setName("keyword").setEstMs(-1)).build()),
        GrpcStatus.INVALID_ARGUMENT, "models[1].est_ms");
  }

  @Test
  void malformedBodiesAndWrongTypesAreRefused() throws Exception {
    assertHttp(http.post("/v1/try", "{\"budget_ms\": 50, \"models\": ["), 400, "body");
    assertHttp(http.post("/v1/try", json("\"budget_ms\":\"50\"", CHAIN)), 400, "budget_ms");
    assertHttp(http.post("/v1/try", json("\"budget_ms\":50", "\"models\":{\"name\":\"svm\"}")), 400, "models");
    assertHttp(http.post("/v1/try", json("\"budget_ms\":50", CHAIN, "\"policy\":\"fastest\"")), 400, "policy");
    assertHttp(http.post("/v1/try", json("\"budget\":50", CHAIN)), 400, "budget");
    byte[] garbage = {(byte) 0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertGrpc(grpc.call("Try", garbage, "demo", "demo-secret-key", System.currentTimeMillis(), true),
        GrpcStatus.INVALID_ARGUMENT, "message");
  }

  @Test
  void oversizedBodiesAre413AndResourceExhausted() throws Exception {
    String big = "x".repeat((1 << 20) + 10);
    String body = "{\"query\":{\"text\":\"" + big + "\"},\"budget_ms\":50," + CHAIN + "}";
    assertHttp(http.post("/v1/try", body), 413, null);
    SignedGrpc.Reply reply = grpc.call("Try", good().setQuery(Query.newBuilder().setText(big)).build());
    assertThat(reply.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
  }

  @Test
  void unsignedWrongKeyStaleAndUnknownIdAreUnauthenticated() throws Exception {
    String body = json("\"budget_ms\":50", CHAIN);
    long now = System.currentTimeMillis();
    long stale = now - 6 * 60_000;
    assertHttp(http.postUnsigned("/v1/try", body), 401, null);
    assertHttp(http.post("/v1/try", body, "demo", "wrong-key", now), 401, null);
    assertHttp(http.post("/v1/try", body, "demo", "demo-secret-key", stale), 401, null);
    assertHttp(http.post("/v1/try", body, "nobody", "demo-secret-key", now), 401, null);
    byte[] bytes = good().build().toByteArray();
    assertGrpc(grpc.call("Try", bytes, "demo", "demo-secret-key", now, false), GrpcStatus.UNAUTHENTICATED, null);
    assertGrpc(grpc.call("Try", bytes, "demo", "wrong-key", now, true), GrpcStatus.UNAUTHENTICATED, null);
    assertGrpc(grpc.call("Try", bytes, "demo", "demo-secret-key", stale, true), GrpcStatus.UNAUTHENTICATED, null);
    assertGrpc(grpc.call("Try", bytes, "nobody", "demo-secret-key", now, true), GrpcStatus.UNAUTHENTICATED, null);
  }

  @Test
  void anotherInstancesModelIsPermissionDenied() throws Exception {
    String body = json("\"budget_ms\":2000", CHAIN); // svm is not tenant-b's
    long now = System.currentTimeMillis();
    assertHttp(http.post("/v1/try", body, "b", "b-secret-key", now), 403, null);
    assertGrpc(grpc.call("Try", good().build().toByteArray(), "b", "b-secret-key", now, true),
        GrpcStatus.PERMISSION_DENIED, null);
    String own = json("\"budget_ms\":2000", "\"models\":[{\"name\":\"keyword\"}]");
    assertThat(http.post("/v1/try", own, "b", "b-secret-key", now).statusCode()).isEqualTo(200);
  }

  @Test
  void claimingAnotherInstanceIsPermissionDeniedClaimingItsOwnIsServed() throws Exception {
    String body = json("\"budget_ms\":2000", CHAIN);
    assertHttp(http.postClaiming("b", "/v1/try", body), 403, "instance");
    assertGrpc(grpc.callClaiming("b", "Try", good().build()), GrpcStatus.PERMISSION_DENIED, "instance");
    assertThat(http.postClaiming("demo", "/v1/try", body).statusCode()).isEqualTo(200);
    assertThat(grpc.callClaiming("demo", "Try", good().build()).status()).isEqualTo(GrpcStatus.OK);
  }

  @Test
  void mixTryRefusesAnEmptyGroupListAndAnswersAGoodOne() throws Exception {
    assertHttp(http.post("/v1/mix-try", json("\"budget_ms\":50", "\"groups\":[]")), 400, "groups");
    HttpResponse<String> response = http.post("/v1/mix-try", json("\"budget_ms\":2000",
        "\"groups\":[{\"name\":\"mix1\",\"combine\":\"avg\",\"models\":[{\"name\":\"svm\"},{\"name\":\"bayes\"}]},"
            + "{\"name\":\"fast\",\"models\":[{\"name\":\"keyword\"}]}]"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject json = new JsonObject(response.body());
    assertThat(json.getString("status")).isEqualTo("ANSWERED");
    assertThat(json.getString("model")).isEqualTo("mix1");
    assertThat(json.getJsonObject("answer").getString("label")).isEqualTo("alarm");
    assertThat(json.getJsonArray("trace")).hasSize(3);
  }
}
