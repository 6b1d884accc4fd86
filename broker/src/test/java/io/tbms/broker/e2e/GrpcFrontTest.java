package io.tbms.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.admission.AdmissionConfig;
import io.tbms.broker.admission.LimitAlgorithm;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.testing.FaultProxy;
import io.tbms.broker.testing.SignedGrpc;
import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.tbms.protocol.broker.v1.Combine;
import io.tbms.protocol.broker.v1.MixTryRequest;
import io.tbms.protocol.broker.v1.ModelGroup;
import io.tbms.protocol.broker.v1.ModelRef;
import io.tbms.protocol.broker.v1.Query;
import io.tbms.protocol.broker.v1.TryRequest;
import io.tbms.protocol.broker.v1.TryResponse;
import io.tbms.resources.testing.Eventually;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import io.vertx.grpc.reflection.v1.ServerReflectionRequest;
import io.vertx.grpc.reflection.v1.ServerReflectionResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gRPC side of the front: signed Try and MixTry answered with the right labels, server
 * reflection listing tbms.v1.TimeBroker, the standard health service; and 429 /
 * RESOURCE_EXHAUSTED when not even the cheapest entry can run (queries to a stalled svm hold every
 * call the limit allows), the server serving on afterwards.
 */
class GrpcFrontTest {

  static final Duration PATIENCE = Duration.ofSeconds(30);

  static FaultProxy proxy;
  static Stack stack;
  static SignedGrpc grpc;
  static SignedHttp http;

  @BeforeAll
  static void start() throws Exception {
    // a fixed limit of 8 model calls in flight, and svm behind a proxy that can stall it, so that
    // queries to svm can hold the whole limit
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
      return config.withModels(models).withAdmission(
          AdmissionConfig.ofDefaults().withAlgorithm(LimitAlgorithm.FIXED).withLimits(8, 1, 8));
    });
    grpc = new SignedGrpc(stack.vertx, stack.broker.port());
    http = new SignedHttp(stack.broker.port());
  }

  @AfterAll
  static void stop() throws Exception {
    grpc.close();
    stack.close();
    proxy.close();
  }

  static TryRequest.Builder query(String text) {
    return TryRequest.newBuilder().setQuery(Query.newBuilder().setText(text)).setBudgetMs(2000)
        .addModels(ModelRef.newBuilder().setName("embedding").setEstMs(35))
        .addModels(ModelRef.newBuilder().setName("svm").setEstMs(25))
        .addModels(ModelRef.newBuilder().setName("keyword").setEstMs(5));
  }

  @Test
  void answersASignedTryWithTheRightLabel() throws Exception {
    SignedGrpc.Reply reply = grpc.call("Try", query("what is the weather like in boston today").build());
    assertThat(reply.status()).as(reply.message()).isEqualTo(GrpcStatus.OK);
    TryResponse response = TryResponse.parseFrom(reply.body().getBytes());
    assertThat(response.getStatus()).isEqualTo(TryResponse.Status.STATUS_ANSWERED);
    assertThat(response.getAnswer().getLabel()).isEqualTo("weather");
    assertThat(response.getTraceCount()).isEqualTo(3);
  }

  @Test
  void answersASignedMixTryFromTheGroup() throws Exception {
    MixTryRequest request = MixTryRequest.newBuilder().setQuery(Query.newBuilder().setText("set an alarm for 7 am"))
        .setBudgetMs(2000)
        .addGroups(ModelGroup.newBuilder().setName("mix1").setCombine(Combine.COMBINE_MAX)
            .addModels(ModelRef.newBuilder().setName("svm"))
            .addModels(ModelRef.newBuilder().setName("bayes")))
        .build();
    SignedGrpc.Reply reply = grpc.call("MixTry", request);
    assertThat(reply.status()).as(reply.message()).isEqualTo(GrpcStatus.OK);
    TryResponse response = TryResponse.parseFrom(reply.body().getBytes());
    assertThat(response.getModel()).isEqualTo("mix1");
    assertThat(response.getAnswer().getLabel()).isEqualTo("alarm");
  }

  @Test
  void servesReflectionAndHealth() throws Exception {
    GrpcClient client = GrpcClient.client(stack.vertx);
    SocketAddress address = SocketAddress.inetSocketAddress(stack.broker.port(), "127.0.0.1");
    try {
      HealthCheckResponse health = HealthCheckResponse.parseFrom(
          unary(client, address, "grpc.health.v1.Health/Check", HealthCheckRequest.newBuilder().build().toByteArray()));
      assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
      byte[] listedBytes = unary(client, address, "grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
          ServerReflectionRequest.newBuilder().setListServices("").build().toByteArray());
      ServerReflectionResponse listed = ServerReflectionResponse.parseFrom(listedBytes);
      assertThat(listed.getListServicesResponse().getServiceList())
          .extracting(s -> s.getName()).contains("tbms.v1.TimeBroker");
    } finally {
      Stack.await(client.close());
    }
  }

  static byte[] unary(GrpcClient client, SocketAddress address, String method, byte[] body) throws Exception {
    Buffer[] last = new Buffer[1];
    Stack.await(client.request(address).compose(request -> {
      request.fullMethodName(method);
      request.end(Buffer.buffer(body));
      return request.response().compose(response -> {
        response.handler(b -> last[0] = b);
        return response.end();
      });
    }));
    return last[0].getBytes();
  }

  /** Model calls in flight on the broker now, from its {@code /metrics}. */
  static double inflight() throws Exception {
    for (String line : http.get("/metrics").body().split("\n")) {
      if (line.startsWith("tbms_broker_admission_inflight ")) {
        return Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
      }
    }
    throw new IllegalStateException("no tbms_broker_admission_inflight on /metrics");
  }

  @Test
  void refusesWith429WhenNotEvenTheCheapestEntryCanRunThenServesOn() throws Exception {
    // eight queries to a stalled svm hold the limit's eight calls, however fast the machine runs
    proxy.mode(FaultProxy.Mode.STALL);
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<HttpResponse<String>>> held = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        held.add(callers.submit(() -> http.post("/v1/try", "{\"query\":{\"text\":\"play some music\"},"
            + "\"budget_ms\":30000,\"priority\":9,\"models\":[{\"name\":\"svm\",\"est_ms\":25}]}")));
      }
      Eventually.value(PATIENCE, Eventually.EVERY, GrpcFrontTest::inflight, n -> n == 8);

      HttpResponse<String> refused = http.post("/v1/try", "{\"query\":{\"text\":\"play some music\"},"
          + "\"budget_ms\":2000,\"priority\":9,\"models\":[{\"name\":\"embedding\",\"est_ms\":35},"
          + "{\"name\":\"svm\",\"est_ms\":25},{\"name\":\"keyword\",\"est_ms\":5}]}");
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
      assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
      assertThat(refused.body()).contains("RESOURCE_EXHAUSTED");
      assertThat(http.get("/metrics").body()).contains("tbms_broker_refusals_total{reason=\"OVERLOADED\"}");
      // over gRPC, an overload carries the retry pushback that sets it apart from an oversized message
      SignedGrpc.Reply pushedBack = grpc.call("Try", query("play some music").setPriority(9).build());
      assertThat(pushedBack.status()).as(pushedBack.message()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
      assertThat(pushedBack.trailers().get("grpc-retry-pushback-ms")).isEqualTo("1000");

      // the stalled connections are reset: the held calls fail, their queries end EMPTY
      proxy.mode(FaultProxy.Mode.RESET);
      for (Future<HttpResponse<String>> reply : held) {
        HttpResponse<String> response = reply.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("status")).as(response.body()).isEqualTo("EMPTY");
      }
    } finally {
      proxy.mode(FaultProxy.Mode.PASS);
      callers.shutdownNow();
    }
    Eventually.value(PATIENCE, Eventually.EVERY, GrpcFrontTest::inflight, n -> n == 0);
    SignedGrpc.Reply after = grpc.call("Try", query("set an alarm for 7 am").build());
    assertThat(after.status()).isEqualTo(GrpcStatus.OK);
    assertThat(TryResponse.parseFrom(after.body().getBytes()).getAnswer().getLabel()).isEqualTo("alarm");
  }
}
