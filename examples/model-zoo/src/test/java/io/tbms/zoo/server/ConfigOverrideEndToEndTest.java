package io.tbms.zoo.server;

import static io.tbms.zoo.server.ZooFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcClient;
import io.tbms.protocol.kserve.InferBatchStatistics;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelConfig;
import io.tbms.protocol.kserve.ModelConfigRequest;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.kserve.ModelInferResponse;
import io.tbms.protocol.kserve.ModelReadyRequest;
import io.tbms.protocol.kserve.ModelRepositoryParameter;
import io.tbms.protocol.kserve.ModelStatistics;
import io.tbms.protocol.kserve.ModelStatisticsRequest;
import io.tbms.protocol.kserve.RepositoryModelLoadRequest;
import io.tbms.protocol.kserve.RepositoryModelUnloadRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A repository load with a config override, over real gRPC and HTTP on loopback: the new batching
 * shows in the model's config and in the batch sizes it runs; a malformed override changes
 * nothing. Each test uses its own model, since statistics add up over the server's life.
 */
class ConfigOverrideEndToEndTest {

  /** Batches of at most 4 items; a long delay, so that only the preferred size closes a batch. */
  private static final String OVERRIDE =
      "{\"max_batch_size\": 16, \"dynamic_batching\": {\"preferred_batch_size\": [4], \"max_queue_delay_microseconds\": 500000}}";
  private static final int CALLS = 12;

  private static Vertx vertx;
  private static ModelServer server;
  private static GrpcClient grpc;
  private static SocketAddress address;
  private static GRPCInferenceServiceGrpcClient kserve;
  private static WebClient http;

  /** The status and message of a call (the generated stub keeps only the status). */
  private record Outcome(GrpcStatus status, String message) {}

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = ZooFixture.startServer(vertx);
    grpc = GrpcClient.client(vertx);
    address = SocketAddress.inetSocketAddress(server.grpcPort(), "127.0.0.1");
    kserve = GRPCInferenceServiceGrpcClient.create(grpc, address);
    // enough connections that every concurrent HTTP request is in the server's queue at once
    http = WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.httpPort()),
        new PoolOptions().setHttp1MaxSize(CALLS));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    await(vertx.close());
  }

  @Test
  void grpcLoadWithAnOverrideReconfiguresBatchingLive() throws Exception {
    assertThat(load("svm", OVERRIDE).status()).isEqualTo(GrpcStatus.OK);

    ModelConfig config = grpcConfig("svm");
    assertThat(config.getMaxBatchSize()).isEqualTo(16);
    assertThat(config.getDynamicBatching().getPreferredBatchSizeList()).containsExactly(4);
    assertThat(config.getDynamicBatching().getMaxQueueDelayMicroseconds()).isEqualTo(500_000);

    List<Future<ModelInferResponse>> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      calls.add(kserve.modelInfer(inferRequest("svm", ZooFixture.TEXTS.get(i % ZooFixture.TEXTS.size()))));
    }
    await(Future.all(calls));

    ModelStatistics stats = await(kserve.modelStatistics(ModelStatisticsRequest.newBuilder().setName("svm").build()))
        .getModelStats(0);
    Map<Long, Long> batches = new TreeMap<>();
    for (InferBatchStatistics batch : stats.getBatchStatsList()) {
      batches.put(batch.getBatchSize(), batch.getComputeInfer().getCount());
    }
    assertThat(batches.keySet()).as("batch sizes run").allMatch(size -> size <= 4).contains(4L);
    assertThat(batches.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum()).isEqualTo(CALLS);
  }

  @Test
  void grpcLoadRefusesAMalformedOverrideNamingTheFieldAndKeepsServing() throws Exception {
    ModelConfig before = grpcConfig("keyword");
    assertRefused(load("keyword", "{\"max_batch_size\": 0}"), "max_batch_size must be within 1..");
    assertRefused(load("keyword", "{\"dynamic_batching\": {\"preferred_batch_size\": [4, 64]}}"),
        "dynamic_batching.preferred_batch_size values must be within 1..32");
    assertRefused(load("keyword", "{\"dynamic_batching\": {\"max_queue_delay_microseconds\": \"soon\"}}"),
        "dynamic_batching.max_queue_delay_microseconds must be an integer");
    assertRefused(load("keyword", "max_batch_size: 4"), "config must be a JSON object");
    Outcome notAString = load(RepositoryModelLoadRequest.newBuilder().setModelName("keyword")
        .putParameters("config", ModelRepositoryParameter.newBuilder().setInt64Param(4).build()).build());
    assertRefused(notAString, "parameter 'config' must be a string_param");
    ModelConfig embedding = grpcConfig("embedding");
    assertRefused(load("embedding", "{\"max_batch_size\": 4}"),
        "max_batch_size 4 is below the current dynamic_batching.preferred_batch_size [8, 16, 32]");

    assertThat(grpcConfig("embedding")).isEqualTo(embedding);
    assertThat(grpcConfig("keyword")).isEqualTo(before);
    assertThat(await(kserve.modelReady(ModelReadyRequest.newBuilder().setName("keyword").build())).getReady()).isTrue();
    assertThat(await(kserve.modelInfer(inferRequest("keyword", "set an alarm for 6 am tomorrow"))).getOutputsCount())
        .isEqualTo(2);
  }

  @Test
  void grpcLoadWithoutAConfigOnlyMarksTheModelReady() throws Exception {
    ModelConfig before = grpcConfig("embedding");
    await(kserve.repositoryModelUnload(RepositoryModelUnloadRequest.newBuilder().setModelName("embedding").build()));
    assertThat(await(kserve.modelReady(ModelReadyRequest.newBuilder().setName("embedding").build())).getReady()).isFalse();
    assertThat(load(RepositoryModelLoadRequest.newBuilder().setModelName("embedding").build()).status())
        .isEqualTo(GrpcStatus.OK);
    assertThat(await(kserve.modelReady(ModelReadyRequest.newBuilder().setName("embedding").build())).getReady()).isTrue();
    assertThat(grpcConfig("embedding")).isEqualTo(before);
  }

  @Test
  void httpLoadWithAnOverrideReconfiguresBatchingLive() throws Exception {
    HttpResponse<Buffer> loaded = post("/v2/repository/models/bayes/load", loadBody(OVERRIDE));
    assertThat(loaded.statusCode()).as(loaded.bodyAsString()).isEqualTo(200);

    JsonObject config = get("/v2/models/bayes/config").bodyAsJsonObject();
    assertThat(config.getInteger("max_batch_size")).isEqualTo(16);
    assertThat(config.getJsonObject("dynamic_batching").getJsonArray("preferred_batch_size").getList()).containsExactly(4);
    assertThat(config.getJsonObject("dynamic_batching").getLong("max_queue_delay_microseconds")).isEqualTo(500_000);

    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      String text = ZooFixture.TEXTS.get(i % ZooFixture.TEXTS.size());
      calls.add(http.post("/v2/models/bayes/infer").sendBuffer(Buffer.buffer(inferBody(text))));
    }
    await(Future.all(calls));
    for (Future<HttpResponse<Buffer>> call : calls) {
      assertThat(call.result().statusCode()).as(call.result().bodyAsString()).isEqualTo(200);
    }

    JsonObject stats = get("/v2/models/bayes/stats").bodyAsJsonObject().getJsonArray("model_stats").getJsonObject(0);
    Map<Long, Long> batches = new TreeMap<>();
    for (Object item : stats.getJsonArray("batch_stats")) {
      JsonObject batch = (JsonObject) item;
      batches.put(batch.getLong("batch_size"), batch.getJsonObject("compute_infer").getLong("count"));
    }
    assertThat(batches.keySet()).as("batch sizes run").allMatch(size -> size <= 4).contains(4L);
    assertThat(batches.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum()).isEqualTo(CALLS);
  }

  @Test
  void httpLoadRefusesAMalformedOverrideWith400NamingTheFieldAndKeepsServing() throws Exception {
    JsonObject before = get("/v2/models/keyword/config").bodyAsJsonObject();
    assertHttpRefused(loadBody("{\"max_batch_size\": \"many\"}"), "max_batch_size must be an integer");
    assertHttpRefused(loadBody("{\"dynamic_batching\": {\"preferred_batch_size\": 4}}"),
        "dynamic_batching.preferred_batch_size must be a list of integers");
    assertHttpRefused(loadBody("{\"dynamic_batching\": {\"max_queue_delay_microseconds\": -5}}"),
        "dynamic_batching.max_queue_delay_microseconds must be within 0..");
    assertHttpRefused(loadBody("{\"max_batch_size\": 2, \"dynamic_batching\": {\"preferred_batch_size\": [4]}}"),
        "dynamic_batching.preferred_batch_size values must be within 1..2");
    assertHttpRefused(new JsonObject().put("parameters", new JsonObject().put("config", 4)).encode(),
        "parameters.config must be a string");
    assertHttpRefused("{\"parameters\": ", "malformed JSON");

    assertThat(get("/v2/models/keyword/config").bodyAsJsonObject()).isEqualTo(before);
    assertThat(get("/v2/models/keyword/ready").statusCode()).isEqualTo(200);
    assertThat(post("/v2/models/keyword/infer", inferBody("set an alarm for 6 am tomorrow")).statusCode()).isEqualTo(200);
  }

  private static ModelConfig grpcConfig(String model) throws Exception {
    return await(kserve.modelConfig(ModelConfigRequest.newBuilder().setName(model).build())).getConfig();
  }

  private static Outcome load(String model, String config) throws Exception {
    return load(RepositoryModelLoadRequest.newBuilder()
        .setModelName(model)
        .putParameters("config", ModelRepositoryParameter.newBuilder().setStringParam(config).build())
        .build());
  }

  private static Outcome load(RepositoryModelLoadRequest request) throws Exception {
    return await(grpc.request(address, GRPCInferenceServiceGrpcClient.RepositoryModelLoad)
        .compose(call -> {
          call.end(request);
          return call.response();
        })
        .compose(response -> response.end().transform(ignored ->
            Future.succeededFuture(new Outcome(response.status(), response.statusMessage())))));
  }

  private static void assertRefused(Outcome outcome, String fragment) {
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(outcome.message()).contains(fragment);
  }

  private static ModelInferRequest inferRequest(String model, String text) {
    return ModelInferRequest.newBuilder()
        .setModelName(model)
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
            .setName("TEXT").setDatatype("BYTES").addShape(1).addShape(1)
            .setContents(InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8(text))))
        .build();
  }

  private static String loadBody(String config) {
    return new JsonObject().put("parameters", new JsonObject().put("config", config)).encode();
  }

  private static String inferBody(String text) {
    return new JsonObject()
        .put("inputs", new JsonArray().add(new JsonObject()
            .put("name", "TEXT").put("datatype", "BYTES").put("shape", new JsonArray().add(1).add(1))
            .put("data", new JsonArray().add(text))))
        .encode();
  }

  private static HttpResponse<Buffer> get(String path) throws Exception {
    return await(http.get(path).send());
  }

  private static HttpResponse<Buffer> post(String path, String body) throws Exception {
    return await(http.post(path).sendBuffer(Buffer.buffer(body)));
  }

  private static void assertHttpRefused(String body, String fragment) throws Exception {
    HttpResponse<Buffer> response = post("/v2/repository/models/keyword/load", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains(fragment);
  }
}
