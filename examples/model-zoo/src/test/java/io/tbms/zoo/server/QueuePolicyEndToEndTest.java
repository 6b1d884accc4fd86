package io.tbms.zoo.server;

import static io.tbms.zoo.server.ZooFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tbms.common.time.ManualClock;
import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcClient;
import io.tbms.protocol.kserve.InferParameter;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.kserve.ModelInferResponse;
import io.tbms.zoo.batching.DynamicBatchingConfig;
import io.tbms.zoo.repository.InstancePlacement;
import io.tbms.zoo.repository.ModelSpec;
import io.tbms.zoo.runtime.FailureReason;
import io.tbms.zoo.runtime.InferenceStats;
import io.tbms.zoo.runtime.ModelRunner;
import io.tbms.zoo.testing.Eventually;
import io.tbms.zoo.testing.GatedModel;
import io.tbms.zoo.testing.TrainedModels;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Triton's queue policy over the wire: svm on one CPU instance, one request per batch, its compute
 * held at a gate so that requests wait in the queue. Time is a manual clock: a timeout expires
 * because the test moves the clock past it, never because the test waited.
 */
class QueuePolicyEndToEndTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);
  /** Far beyond any real time the test takes, so only the manual clock can make it pass. */
  private static final long TIMEOUT_MICROS = 60_000_000L;

  /** What a gRPC call ended with. */
  private record Outcome(GrpcStatus status, String message, ModelInferResponse response) {}

  private final ManualClock clock = new ManualClock();
  private Vertx vertx;
  private GatedModel gated;
  private ModelServer server;
  private ModelRunner svm;
  private GrpcClient grpc;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    gated = new GatedModel(TrainedModels.all().get("svm"));
    ModelSpec spec = new ModelSpec("svm", "liblinear", new DynamicBatchingConfig(1, List.of(), Duration.ZERO, 64),
        List.of(InstancePlacement.onCpu()));
    ZooConfig config = ZooConfig.ofDefaults().withPorts(0, 0, 0).withModels(List.of(spec));
    server = await(ModelServer.start(vertx, config, Map.of("svm", gated), clock));
    svm = server.repository().find("svm", "");
    grpc = GrpcClient.client(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    gated.open();
    server.close();
    await(vertx.close());
  }

  private static ModelInferRequest.Builder request(String text) {
    return ModelInferRequest.newBuilder().setModelName("svm").addInputs(ModelInferRequest.InferInputTensor.newBuilder()
        .setName("TEXT").setDatatype("BYTES").addShape(1).addShape(1)
        .setContents(InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8(text))));
  }

  private static InferParameter int64(long value) {
    return InferParameter.newBuilder().setInt64Param(value).build();
  }

  /** Sends one call; {@code setup} may set its timeout; {@code sent} receives the open request. */
  private Future<Outcome> call(ModelInferRequest message, Consumer<GrpcClientRequest<ModelInferRequest, ModelInferResponse>> setup) {
    SocketAddress address = SocketAddress.inetSocketAddress(server.grpcPort(), "127.0.0.1");
    return grpc.request(address, GRPCInferenceServiceGrpcClient.ModelInfer).compose(request -> {
      setup.accept(request);
      return request.send(message).compose(response -> response.last()
          .map(answer -> new Outcome(GrpcStatus.OK, null, answer))
          .otherwise(failure -> new Outcome(response.status(), response.statusMessage(), null)));
    });
  }

  private Future<Outcome> call(ModelInferRequest message) {
    return call(message, request -> {});
  }

  /** Holds the one instance busy with a request and returns its call. */
  private Future<Outcome> holdTheInstance() throws Exception {
    Future<Outcome> holding = call(request("set a 4 minute timer").build());
    gated.awaitComputing();
    return holding;
  }

  private void awaitQueued(int requests) throws InterruptedException {
    Eventually.holds(requests + " request(s) queued", WITHIN, () -> svm.queued() == requests);
  }

  private InferenceStats.Snapshot stats() {
    return svm.stats().snapshot();
  }

  @Test
  void aRequestWhoseTimeoutParameterExpiredInTheQueueIsRejectedUnavailableAndNeverComputed() throws Exception {
    Future<Outcome> holding = holdTheInstance();
    Future<Outcome> expires = call(request("what is my credit score").putParameters("timeout", int64(TIMEOUT_MICROS)).build());
    awaitQueued(1);
    clock.advance(Duration.ofSeconds(61));
    Future<Outcome> inTime = call(request("set an alarm for 6 am").putParameters("timeout", int64(TIMEOUT_MICROS)).build());
    awaitQueued(2);
    gated.open();

    assertThat(await(holding).status()).isEqualTo(GrpcStatus.OK);
    Outcome rejected = await(expires);
    assertThat(rejected.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(rejected.message()).isEqualTo("Request timeout expired");
    assertThat(await(inTime).status()).isEqualTo(GrpcStatus.OK);
    assertThat(gated.batches()).containsExactly(List.of("set a 4 minute timer"), List.of("set an alarm for 6 am"));
    assertThat(stats().executionCount()).isEqualTo(2);
    assertThat(stats().failures()).containsEntry(FailureReason.REJECTED, 1L);
    assertThat(server.metricsText())
        .contains("nv_inference_request_failure{model=\"svm\",reason=\"REJECTED\",version=\"1\"} 1\n");
  }

  @Test
  void theCallsGrpcTimeoutLimitsItsWaitInTheQueueToo() throws Exception {
    Future<Outcome> holding = holdTheInstance();
    Future<Outcome> expires = call(request("what is my credit score").build(),
        request -> request.timeout(TIMEOUT_MICROS, TimeUnit.MICROSECONDS));
    awaitQueued(1);
    clock.advance(Duration.ofSeconds(61));
    gated.open();

    assertThat(await(holding).status()).isEqualTo(GrpcStatus.OK);
    Outcome rejected = await(expires);
    assertThat(rejected.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(rejected.message()).isEqualTo("Request timeout expired");
    assertThat(stats().executionCount()).isEqualTo(1);
  }

  @Test
  void aRestRequestsTimeoutParameterIsHonouredAlike() throws Exception {
    Future<Outcome> holding = holdTheInstance();
    JsonObject body = new JsonObject()
        .put("inputs", new JsonArray().add(new JsonObject().put("name", "TEXT").put("datatype", "BYTES")
            .put("shape", new JsonArray().add(1).add(1)).put("data", new JsonArray().add("what is my credit score"))))
        .put("parameters", new JsonObject().put("timeout", TIMEOUT_MICROS).put("priority", 3));
    Future<HttpResponse<io.vertx.core.buffer.Buffer>> expires = WebClient.create(vertx)
        .post(server.httpPort(), "127.0.0.1", "/v2/models/svm/infer").sendJsonObject(body);
    awaitQueued(1);
    clock.advance(Duration.ofSeconds(61));
    gated.open();

    assertThat(await(holding).status()).isEqualTo(GrpcStatus.OK);
    HttpResponse<io.vertx.core.buffer.Buffer> rejected = await(expires);
    assertThat(rejected.statusCode()).isEqualTo(503);
    assertThat(rejected.bodyAsJsonObject().getString("error")).isEqualTo("Request timeout expired");
    assertThat(stats().executionCount()).isEqualTo(1);
  }

  @Test
  void aCancelledCallLeavesTheQueueAndIsNeverComputed() throws Exception {
    Future<Outcome> holding = holdTheInstance();
    Promise<GrpcClientRequest<ModelInferRequest, ModelInferResponse>> opened = Promise.promise();
    call(request("what is my credit score").build(), opened::complete);
    GrpcClientRequest<ModelInferRequest, ModelInferResponse> cancelled = await(opened.future());
    awaitQueued(1);
    cancelled.cancel();
    Eventually.holds("the cancelled call counted", WITHIN, () -> stats().failures().get(FailureReason.CANCELED) == 1);
    assertThat(svm.queued()).isZero();
    gated.open();

    assertThat(await(holding).status()).isEqualTo(GrpcStatus.OK);
    assertThat(gated.batches()).containsExactly(List.of("set a 4 minute timer"));
    assertThat(stats().executionCount()).isEqualTo(1);
  }

  @Test
  void aCallCancelledWhileItComputesFinishesButItsAnswerIsDroppedAndCounted() throws Exception {
    Promise<GrpcClientRequest<ModelInferRequest, ModelInferResponse>> opened = Promise.promise();
    call(request("set a 4 minute timer").build(), opened::complete);
    GrpcClientRequest<ModelInferRequest, ModelInferResponse> cancelled = await(opened.future());
    gated.awaitComputing();
    cancelled.cancel();
    // a later call on the same HTTP/2 connection reaches the queue only after the server has read
    // the reset before it: then the cancel has been seen
    Future<Outcome> later = call(request("what is my credit score").build());
    awaitQueued(1);
    gated.open();

    assertThat(await(later).status()).isEqualTo(GrpcStatus.OK);
    Eventually.holds("the dropped answer counted", WITHIN, () -> stats().failures().get(FailureReason.CANCELED) == 1);
    assertThat(stats().executionCount()).isEqualTo(2);
    assertThat(stats().successCount()).isEqualTo(1);
  }

  @Test
  void theQueueServesHigherPriorityFirstAndArrivalOrderWithinALevel() throws Exception {
    Future<Outcome> holding = holdTheInstance();
    Future<Outcome> low = call(request("low").putParameters("priority", int64(10)).build());
    awaitQueued(1);
    Future<Outcome> unstated = call(request("unstated").build());
    awaitQueued(2);
    Future<Outcome> high = call(request("high").putParameters("priority", int64(1)).build());
    awaitQueued(3);
    Future<Outcome> highToo = call(request("high too").putParameters("priority",
        InferParameter.newBuilder().setUint64Param(1).build()).build());
    awaitQueued(4);
    gated.open();

    await(Future.all(holding, low, unstated, high).compose(all -> highToo));
    assertThat(gated.batches()).containsExactly(
        List.of("set a 4 minute timer"), List.of("high"), List.of("high too"), List.of("unstated"), List.of("low"));
  }

  @Test
  void refusesANegativeTimeoutNamingTheParameter() throws Exception {
    Outcome refused = await(call(request("hello").putParameters("timeout", int64(-1)).build()));
    assertThat(refused.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(refused.message()).contains("'timeout'");
  }
}
