package io.tbms.zoo.server;

import static io.tbms.zoo.server.ZooFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KServe v2 HTTP/REST conformance of the model server, over real HTTP on loopback. */
class RestConformanceTest {

  private static Vertx vertx;
  private static ModelServer server;
  private static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = ZooFixture.startServer(vertx);
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.httpPort()));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    await(vertx.close());
  }


  private static HttpResponse<Buffer> get(String path) throws Exception {
    return await(http.get(path).send());
  }

  private static HttpResponse<Buffer> post(String path, String body) throws Exception {
    return await(http.post(path).sendBuffer(Buffer.buffer(body)));
  }

  private static JsonObject textRequest(List<String> texts, String datatype, JsonArray shape) {
    return new JsonObject()
        .put("id", "req-1")
        .put("inputs", new JsonArray().add(new JsonObject()
            .put("name", "TEXT").put("datatype", datatype).put("shape", shape).put("data", new JsonArray(texts))));
  }

  @Test
  void reportsLiveAndReady() throws Exception {
    assertThat(get("/v2/health/live").statusCode()).isEqualTo(200);
    assertThat(get("/v2/health/ready").statusCode()).isEqualTo(200);
    assertThat(get("/v2/models/svm/ready").statusCode()).isEqualTo(200);
    assertThat(get("/v2/models/svm/versions/1/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void describesServerAndModels() throws Exception {
    JsonObject server = get("/v2").bodyAsJsonObject();
    assertThat(server.getString("name")).isEqualTo(ModelServer.NAME);
    assertThat(server.getJsonArray("extensions").getList()).contains("model_repository", "statistics");

    JsonObject metadata = get("/v2/models/embedding").bodyAsJsonObject();
    assertThat(metadata.getString("name")).isEqualTo("embedding");
    assertThat(metadata.getJsonArray("versions").getList()).containsExactly("1");
    JsonObject input = metadata.getJsonArray("inputs").getJsonObject(0);
    assertThat(input.getString("name")).isEqualTo("TEXT");
    assertThat(input.getString("datatype")).isEqualTo("BYTES");
    assertThat(input.getJsonArray("shape").getList()).containsExactly(-1, 1);
    assertThat(metadata.getJsonArray("outputs").stream().map(o -> ((JsonObject) o).getString("name")))
        .containsExactly("LABEL", "SCORE");
  }

  @Test
  void servesTritonStyleConfigWithDynamicBatchingAndPlacement() throws Exception {
    JsonObject config = get("/v2/models/embedding/config").bodyAsJsonObject();
    assertThat(config.getInteger("max_batch_size")).isEqualTo(32);
    assertThat(config.getJsonObject("dynamic_batching").getJsonArray("preferred_batch_size").getList())
        .containsExactly(8, 16, 32);
    assertThat(config.getJsonArray("instance_group")).hasSize(2);
    assertThat(config.getJsonArray("instance_group").getJsonObject(0).getString("kind")).isEqualTo("KIND_GPU");
    JsonObject cpu = get("/v2/models/bayes/config").bodyAsJsonObject();
    assertThat(cpu.getJsonArray("instance_group").getJsonObject(0).getString("kind")).isEqualTo("KIND_CPU");
  }

  @Test
  void infersABatchOfTextsWithTheRightLabels() throws Exception {
    for (String model : List.of("embedding", "svm", "bayes", "keyword")) {
      HttpResponse<Buffer> response = post("/v2/models/" + model + "/infer",
          textRequest(ZooFixture.TEXTS, "BYTES", new JsonArray().add(ZooFixture.TEXTS.size()).add(1)).encode());
      assertThat(response.statusCode()).as(model + ": " + response.bodyAsString()).isEqualTo(200);
      JsonObject body = response.bodyAsJsonObject();
      assertThat(body.getString("model_name")).isEqualTo(model);
      assertThat(body.getString("id")).isEqualTo("req-1");
      JsonObject label = body.getJsonArray("outputs").getJsonObject(0);
      assertThat(label.getString("name")).isEqualTo("LABEL");
      assertThat(label.getJsonArray("shape").getList()).containsExactly(ZooFixture.TEXTS.size(), 1);
      assertThat(label.getJsonArray("data").getList()).as(model).isEqualTo(ZooFixture.LABELS);
      JsonObject score = body.getJsonArray("outputs").getJsonObject(1);
      assertThat(score.getString("datatype")).isEqualTo("FP32");
      for (Object value : score.getJsonArray("data")) {
        assertThat(((Number) value).doubleValue()).isBetween(0.0, 1.0);
      }
    }
  }

  @Test
  void returnsOnlyTheRequestedOutputs() throws Exception {
    JsonObject request = textRequest(List.of("what is my bank balance"), "BYTES", new JsonArray().add(1).add(1))
        .put("outputs", new JsonArray().add(new JsonObject().put("name", "SCORE")));
    JsonObject body = post("/v2/models/svm/infer", request.encode()).bodyAsJsonObject();
    assertThat(body.getJsonArray("outputs")).hasSize(1);
    assertThat(body.getJsonArray("outputs").getJsonObject(0).getString("name")).isEqualTo("SCORE");
  }

  @Test
  void countsInferencesInStatistics() throws Exception {
    post("/v2/models/bayes/infer", textRequest(ZooFixture.TEXTS, "BYTES", new JsonArray().add(ZooFixture.TEXTS.size()).add(1)).encode());
    JsonObject stats = get("/v2/models/bayes/stats").bodyAsJsonObject().getJsonArray("model_stats").getJsonObject(0);
    assertThat(stats.getString("name")).isEqualTo("bayes");
    assertThat(stats.getLong("inference_count")).isGreaterThanOrEqualTo(ZooFixture.TEXTS.size());
    assertThat(stats.getJsonObject("inference_stats").getJsonObject("success").getLong("count")).isPositive();
    assertThat(stats.getJsonArray("batch_stats")).isNotEmpty();
    assertThat(get("/v2/models/stats").bodyAsJsonObject().getJsonArray("model_stats")).hasSize(4);
  }

  @Test
  void refusesUnknownModelsAndVersionsWith404() throws Exception {
    HttpResponse<Buffer> model = post("/v2/models/nope/infer", textRequest(List.of("x"), "BYTES", new JsonArray().add(1).add(1)).encode());
    assertThat(model.statusCode()).isEqualTo(404);
    assertThat(model.bodyAsJsonObject().getString("error")).contains("nope");
    HttpResponse<Buffer> version = get("/v2/models/svm/versions/7");
    assertThat(version.statusCode()).isEqualTo(404);
    assertThat(version.bodyAsJsonObject().getString("error")).contains("version 7");
  }

  @Test
  void refusesBadInputWith400NamingWhatIsWrong() throws Exception {
    assertError(textRequest(List.of("hi"), "FP32", new JsonArray().add(1).add(1)).encode(), 400, "datatype");
    assertError(textRequest(List.of("hi"), "BYTES", new JsonArray().add(1)).encode(), 400, "shape");
    assertError(textRequest(List.of("hi", "there"), "BYTES", new JsonArray().add(1).add(1)).encode(), 400, "elements");
    assertError(textRequest(List.of(), "BYTES", new JsonArray().add(0).add(1)).encode(), 400, "empty batch");
    assertError(textRequest(List.of("hi"), "BYTES", new JsonArray().add(64).add(1)).encode(), 400, "batch-size");
    assertError(new JsonObject().put("inputs", new JsonArray()).encode(), 400, "expected 1 input");
    assertError(new JsonObject().encode(), 400, "inputs");
    assertError("{\"inputs\": [", 400, "malformed JSON");
    assertError("", 400, "malformed JSON");
    assertError("[]", 400, "malformed JSON");
    assertError("{\"inputs\": [{\"name\": \"TEXT\", \"datatype\": \"BYTES\", \"shape\": [1, 1], \"data\": [7]}]}", 400, "strings");
    assertError(new JsonObject().put("inputs", "TEXT").encode(), 400, "'inputs' must be an array");
    assertError(textRequest(List.of("hi"), "BYTES", new JsonArray().add(1).add(1))
        .put("outputs", new JsonArray().add(new JsonObject().put("name", "LOGITS"))).encode(), 400, "LOGITS");
    // and it keeps serving
    assertThat(post("/v2/models/svm/infer",
        textRequest(List.of("hi"), "BYTES", new JsonArray().add(1).add(1)).encode()).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesAnOversizedBodyWith413() throws Exception {
    String huge = "x".repeat(ZooConfig.DEFAULT_MAX_REQUEST_BYTES + 1);
    assertError(textRequest(List.of(huge), "BYTES", new JsonArray().add(1).add(1)).encode(), 413, "exceeds");
  }

  @Test
  void unloadsAndLoadsModelsThroughTheRepositoryApi() throws Exception {
    assertThat(post("/v2/repository/models/keyword/unload", "{}").statusCode()).isEqualTo(200);
    try {
      assertThat(get("/v2/models/keyword/ready").statusCode()).isEqualTo(503);
      HttpResponse<Buffer> refused = post("/v2/models/keyword/infer",
          textRequest(List.of("hi"), "BYTES", new JsonArray().add(1).add(1)).encode());
      assertThat(refused.statusCode()).isEqualTo(503);
      JsonArray index = await(http.post("/v2/repository/index").send()).bodyAsJsonArray();
      assertThat(index.stream().map(JsonObject.class::cast)
          .filter(m -> m.getString("name").equals("keyword")).findFirst().orElseThrow().getString("state"))
          .isEqualTo("UNAVAILABLE");
    } finally {
      assertThat(post("/v2/repository/models/keyword/load", "{}").statusCode()).isEqualTo(200);
    }
    assertThat(get("/v2/models/keyword/ready").statusCode()).isEqualTo(200);
  }

  private static void assertError(String body, int status, String fragment) throws Exception {
    HttpResponse<Buffer> response = post("/v2/models/svm/infer", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("error")).contains(fragment);
  }
}
