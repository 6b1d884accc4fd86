package io.tbms.zoo.server;

import static io.tbms.zoo.server.ZooFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcClient;
import io.tbms.protocol.kserve.InferParameter;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.kserve.ModelInferRequest.InferRequestedOutputTensor;
import io.tbms.protocol.kserve.ModelInferResponse;
import io.tbms.protocol.kserve.ServerMetadataRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Triton's classification extension on both fronts: output {@code SCORE} asked with
 * {@code classification = k} comes back as {@code "<score>:<index>:<label>"} strings, best first.
 */
class ClassificationExtensionTest {

  private static final List<String> MODELS = List.of("embedding", "svm", "bayes", "keyword");

  private static Vertx vertx;
  private static ModelServer server;
  private static WebClient http;
  private static GrpcClient grpc;
  private static SocketAddress address;
  private static GRPCInferenceServiceGrpcClient kserve;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = ZooFixture.startServer(vertx);
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.httpPort()));
    grpc = GrpcClient.client(vertx);
    address = SocketAddress.inetSocketAddress(server.grpcPort(), "127.0.0.1");
    kserve = GRPCInferenceServiceGrpcClient.create(grpc, address);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    await(vertx.close());
  }

  private static JsonObject restRequest(List<String> texts, JsonObject scoreOutput) {
    return new JsonObject()
        .put("inputs", new JsonArray().add(new JsonObject().put("name", "TEXT").put("datatype", "BYTES")
            .put("shape", new JsonArray().add(texts.size()).add(1)).put("data", new JsonArray(texts))))
        .put("outputs", new JsonArray().add(new JsonObject().put("name", "LABEL")).add(scoreOutput));
  }

  private static HttpResponse<Buffer> post(String model, JsonObject body) throws Exception {
    return await(http.post("/v2/models/" + model + "/infer").sendJsonObject(body));
  }

  private static JsonObject classification(Object k) {
    return new JsonObject().put("name", "SCORE").put("parameters", new JsonObject().put("classification", k));
  }

  @Test
  void restReturnsTheTopKClassesBestFirstWithTheScoreOfTheLabelFirst() throws Exception {
    for (String model : MODELS) {
      JsonObject plain = post(model, restRequest(ZooFixture.TEXTS, new JsonObject().put("name", "SCORE"))).bodyAsJsonObject();
      HttpResponse<Buffer> response = post(model, restRequest(ZooFixture.TEXTS, classification(3)));
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      JsonObject score = response.bodyAsJsonObject().getJsonArray("outputs").getJsonObject(1);
      assertThat(score.getString("name")).isEqualTo("SCORE");
      assertThat(score.getString("datatype")).isEqualTo("BYTES");
      assertThat(score.getJsonArray("shape").getList()).containsExactly(ZooFixture.TEXTS.size(), 3);
      List<String> entries = strings(score.getJsonArray("data"));
      JsonArray plainScores = plain.getJsonArray("outputs").getJsonObject(1).getJsonArray("data");
      assertRows(model, entries, 3, i -> plainScores.getNumber(i).floatValue());
    }
  }

  @Test
  void grpcReturnsTheTopKClassesAsRawBytes() throws Exception {
    for (String model : MODELS) {
      ModelInferResponse plain = await(kserve.modelInfer(grpcRequest(model, null).build()));
      ByteBuffer plainScores = plain.getRawOutputContents(1).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      ModelInferResponse response = await(kserve.modelInfer(
          grpcRequest(model, InferParameter.newBuilder().setInt64Param(4).build()).build()));
      assertThat(response.getOutputs(1).getName()).isEqualTo("SCORE");
      assertThat(response.getOutputs(1).getDatatype()).isEqualTo("BYTES");
      assertThat(response.getOutputs(1).getShapeList()).containsExactly((long) ZooFixture.TEXTS.size(), 4L);
      assertRows(model, rawStrings(response.getRawOutputContents(1)), 4, i -> plainScores.getFloat(4 * i));
    }
  }

  @Test
  void aCountAboveTheNumberOfClassesListsThemAll() throws Exception {
    JsonObject score = post("bayes", restRequest(List.of("what is my balance"), classification(100_000)))
        .bodyAsJsonObject().getJsonArray("outputs").getJsonObject(1);
    assertThat(score.getJsonArray("shape").getList()).containsExactly(1, 151);
  }

  @Test
  void announcesTheExtension() throws Exception {
    assertThat(await(kserve.serverMetadata(ServerMetadataRequest.getDefaultInstance())).getExtensionsList())
        .contains("classification");
    assertThat(await(http.get("/v2").send()).bodyAsJsonObject().getJsonArray("extensions").getList())
        .contains("classification");
  }

  @Test
  void refusesABadClassificationNamingIt() throws Exception {
    JsonObject onLabel = restRequest(List.of("hi"), new JsonObject().put("name", "SCORE"));
    onLabel.getJsonArray("outputs").getJsonObject(0).put("parameters", new JsonObject().put("classification", 2));
    assertRefused(onLabel, "supported for output 'SCORE' only");
    assertRefused(restRequest(List.of("hi"), classification(0)), "must be >= 1");
    assertRefused(restRequest(List.of("hi"), classification("5")), "must be an integer");
    assertRefused(restRequest(List.of("hi"), classification(2.5)), "must be an integer");
    assertGrpcRefused(grpcRequest("svm", InferParameter.newBuilder().setStringParam("5").build()), "int64_param");
    assertGrpcRefused(grpcRequest("svm", InferParameter.newBuilder().setInt64Param(-1).build()), "must be >= 1");
  }

  /** Each row: k distinct classes, scores non-increasing, the first with the plain SCORE and the LABEL. */
  private static void assertRows(String model, List<String> entries, int k, java.util.function.IntFunction<Float> plainScore) {
    assertThat(entries).as(model).hasSize(ZooFixture.TEXTS.size() * k);
    for (int row = 0; row < ZooFixture.TEXTS.size(); row++) {
      float previous = Float.MAX_VALUE;
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        String[] parts = entries.get(row * k + i).split(":", 3);
        assertThat(parts).as(model + ": " + entries.get(row * k + i)).hasSize(3);
        float score = Float.parseFloat(parts[0]);
        assertThat(Integer.parseInt(parts[1])).isNotNegative();
        assertThat(score).as(model).isBetween(0f, previous);
        previous = score;
        labels.add(parts[2]);
        if (i == 0) {
          assertThat(score).as(model + " row " + row).isEqualTo(plainScore.apply(row));
        }
      }
      assertThat(labels).as(model).doesNotHaveDuplicates();
      assertThat(labels.get(0)).as(model).isEqualTo(ZooFixture.LABELS.get(row));
    }
  }

  private static ModelInferRequest.Builder grpcRequest(String model, InferParameter classification) {
    InferTensorContents.Builder contents = InferTensorContents.newBuilder();
    ZooFixture.TEXTS.forEach(t -> contents.addBytesContents(ByteString.copyFromUtf8(t)));
    InferRequestedOutputTensor.Builder score = InferRequestedOutputTensor.newBuilder().setName("SCORE");
    if (classification != null) {
      score.putParameters("classification", classification);
    }
    return ModelInferRequest.newBuilder().setModelName(model)
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("TEXT").setDatatype("BYTES")
            .addShape(ZooFixture.TEXTS.size()).addShape(1).setContents(contents))
        .addOutputs(InferRequestedOutputTensor.newBuilder().setName("LABEL"))
        .addOutputs(score);
  }

  private static List<String> strings(JsonArray data) {
    List<String> strings = new ArrayList<>();
    data.forEach(element -> strings.add((String) element));
    return strings;
  }

  private static List<String> rawStrings(ByteString raw) {
    ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    List<String> strings = new ArrayList<>();
    while (buffer.hasRemaining()) {
      byte[] bytes = new byte[buffer.getInt()];
      buffer.get(bytes);
      strings.add(new String(bytes, StandardCharsets.UTF_8));
    }
    return strings;
  }

  private static void assertRefused(JsonObject body, String fragment) throws Exception {
    HttpResponse<Buffer> response = post("svm", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains(fragment);
  }

  private static void assertGrpcRefused(ModelInferRequest.Builder request, String fragment) throws Exception {
    String[] failure = await(grpc.request(address, GRPCInferenceServiceGrpcClient.ModelInfer)
        .compose(call -> {
          call.end(request.build());
          return call.response();
        })
        .compose(response -> response.end().transform(ignored ->
            Future.succeededFuture(new String[] {response.status().name(), response.statusMessage()}))));
    assertThat(failure[0]).as(failure[1]).isEqualTo(GrpcStatus.INVALID_ARGUMENT.name());
    assertThat(failure[1]).contains(fragment);
  }
}
