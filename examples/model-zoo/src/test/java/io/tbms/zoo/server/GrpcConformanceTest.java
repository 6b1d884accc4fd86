package io.tbms.zoo.server;

import static io.tbms.zoo.server.ZooFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcClient;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelConfigRequest;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.kserve.ModelInferResponse;
import io.tbms.protocol.kserve.ModelInstanceGroup;
import io.tbms.protocol.kserve.ModelMetadataRequest;
import io.tbms.protocol.kserve.ModelReadyRequest;
import io.tbms.protocol.kserve.ModelStatistics;
import io.tbms.protocol.kserve.ModelStatisticsRequest;
import io.tbms.protocol.kserve.RepositoryIndexRequest;
import io.tbms.protocol.kserve.ServerLiveRequest;
import io.tbms.protocol.kserve.ServerMetadataRequest;
import io.tbms.protocol.kserve.ServerReadyRequest;
import io.tbms.protocol.transport.GrpcClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** KServe v2 gRPC conformance of the model server, over real HTTP/2 on loopback. */
class GrpcConformanceTest {

  private static Vertx vertx;
  private static ModelServer server;
  private static GrpcClient grpc;
  private static SocketAddress address;
  private static GRPCInferenceServiceGrpcClient kserve;

  /** The status and message of a failed call (the generated stub keeps only the status). */
  private record Failure(GrpcStatus status, String message) {}

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = ZooFixture.startServer(vertx);
    grpc = GrpcClient.client(vertx);
    address = SocketAddress.inetSocketAddress(server.grpcPort(), "127.0.0.1");
    kserve = GRPCInferenceServiceGrpcClient.create(grpc, address);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    await(vertx.close());
  }


  private static ModelInferRequest.Builder textRequest(String model, List<String> texts, String datatype, long... shape) {
    InferTensorContents.Builder contents = InferTensorContents.newBuilder();
    texts.forEach(t -> contents.addBytesContents(ByteString.copyFromUtf8(t)));
    ModelInferRequest.InferInputTensor.Builder input = ModelInferRequest.InferInputTensor.newBuilder()
        .setName("TEXT").setDatatype(datatype).setContents(contents);
    for (long dim : shape) {
      input.addShape(dim);
    }
    return ModelInferRequest.newBuilder().setModelName(model).setId("g-1").addInputs(input);
  }

  private static List<String> labels(ModelInferResponse response) {
    ByteBuffer raw = response.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    List<String> labels = new ArrayList<>();
    while (raw.hasRemaining()) {
      byte[] bytes = new byte[raw.getInt()];
      raw.get(bytes);
      labels.add(new String(bytes, StandardCharsets.UTF_8));
    }
    return labels;
  }

  @Test
  void reportsHealthAndMetadata() throws Exception {
    assertThat(await(kserve.serverLive(ServerLiveRequest.getDefaultInstance())).getLive()).isTrue();
    assertThat(await(kserve.serverReady(ServerReadyRequest.getDefaultInstance())).getReady()).isTrue();
    assertThat(await(kserve.modelReady(ModelReadyRequest.newBuilder().setName("svm").build())).getReady()).isTrue();
    assertThat(await(kserve.serverMetadata(ServerMetadataRequest.getDefaultInstance())).getExtensionsList())
        .contains("statistics", "model_configuration");
    var metadata = await(kserve.modelMetadata(ModelMetadataRequest.newBuilder().setName("keyword").build()));
    assertThat(metadata.getInputs(0).getName()).isEqualTo("TEXT");
    assertThat(metadata.getInputs(0).getShapeList()).containsExactly(-1L, 1L);
  }

  @Test
  void servesConfigWithInstanceGroupsOnEmulatedGpus() throws Exception {
    var config = await(kserve.modelConfig(ModelConfigRequest.newBuilder().setName("embedding").build())).getConfig();
    assertThat(config.getMaxBatchSize()).isEqualTo(32);
    assertThat(config.getDynamicBatching().getMaxQueueDelayMicroseconds()).isEqualTo(2_000);
    assertThat(config.getInstanceGroupList()).extracting(ModelInstanceGroup::getKind)
        .containsOnly(ModelInstanceGroup.Kind.KIND_GPU);
    assertThat(config.getParametersMap()).containsKey("tbms.emulated_gpu.base_ms");
  }

  @Test
  void infersABatchOfTextsFromBytesContents() throws Exception {
    for (String model : List.of("embedding", "svm", "bayes", "keyword")) {
      ModelInferResponse response = await(kserve.modelInfer(
          textRequest(model, ZooFixture.TEXTS, "BYTES", ZooFixture.TEXTS.size(), 1).build()));
      assertThat(response.getModelName()).isEqualTo(model);
      assertThat(response.getId()).isEqualTo("g-1");
      assertThat(response.getOutputs(0).getShapeList()).containsExactly((long) ZooFixture.TEXTS.size(), 1L);
      assertThat(labels(response)).as(model).isEqualTo(ZooFixture.LABELS);
      assertThat(response.getRawOutputContents(1).size()).isEqualTo(4 * ZooFixture.TEXTS.size());
    }
  }

  @Test
  void infersFromTritonRawInputContents() throws Exception {
    ByteString.Output raw = ByteString.newOutput();
    for (String text : ZooFixture.TEXTS) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      raw.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array());
      raw.write(bytes);
    }
    ModelInferRequest request = ModelInferRequest.newBuilder()
        .setModelName("svm")
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
            .setName("TEXT").setDatatype("BYTES").addShape(ZooFixture.TEXTS.size()).addShape(1))
        .addRawInputContents(raw.toByteString())
        .build();
    assertThat(labels(await(kserve.modelInfer(request)))).isEqualTo(ZooFixture.LABELS);
  }

  @Test
  void reportsBatchStatisticsPerBatchSize() throws Exception {
    await(kserve.modelInfer(textRequest("keyword", ZooFixture.TEXTS, "BYTES", ZooFixture.TEXTS.size(), 1).build()));
    ModelStatistics stats = await(kserve.modelStatistics(ModelStatisticsRequest.newBuilder().setName("keyword").build()))
        .getModelStats(0);
    assertThat(stats.getInferenceCount()).isGreaterThanOrEqualTo(ZooFixture.TEXTS.size());
    assertThat(stats.getExecutionCount()).isPositive();
    assertThat(stats.getBatchStatsList()).isNotEmpty();
    assertThat(stats.getBatchStats(0).getComputeInfer().getCount()).isPositive();
    assertThat(await(kserve.repositoryIndex(RepositoryIndexRequest.getDefaultInstance())).getModelsCount()).isEqualTo(4);
  }

  @Test
  void refusesBadInputWithInvalidArgumentNamingWhatIsWrong() throws Exception {
    assertStatus(textRequest("svm", List.of("hi"), "INT32", 1, 1).build(), GrpcStatus.INVALID_ARGUMENT, "datatype");
    assertStatus(textRequest("svm", List.of("hi"), "BYTES", 1).build(), GrpcStatus.INVALID_ARGUMENT, "shape");
    assertStatus(textRequest("svm", List.of(), "BYTES", 0, 1).build(), GrpcStatus.INVALID_ARGUMENT, "empty batch");
    assertStatus(textRequest("svm", List.of("a"), "BYTES", 33, 1).build(), GrpcStatus.INVALID_ARGUMENT, "batch-size");
    assertStatus(ModelInferRequest.newBuilder().setModelName("svm").build(), GrpcStatus.INVALID_ARGUMENT, "expected 1 input");
    assertStatus(textRequest("svm", List.of("hi"), "BYTES", 1, 1)
        .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("PROBS")).build(),
        GrpcStatus.INVALID_ARGUMENT, "PROBS");
    ModelInferRequest badUtf8 = ModelInferRequest.newBuilder().setModelName("svm")
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("TEXT").setDatatype("BYTES")
            .addShape(1).addShape(1)
            .setContents(InferTensorContents.newBuilder().addBytesContents(ByteString.copyFrom(new byte[] {(byte) 0xff}))))
        .build();
    assertStatus(badUtf8, GrpcStatus.INVALID_ARGUMENT, "UTF-8");
    assertStatus(textRequest("nope", List.of("hi"), "BYTES", 1, 1).build(), GrpcStatus.NOT_FOUND, "nope");
    assertStatus(textRequest("svm", List.of("hi"), "BYTES", 1, 1).setModelVersion("3").build(), GrpcStatus.NOT_FOUND, "version 3");
    // and it keeps serving
    assertThat(labels(await(kserve.modelInfer(textRequest("svm", List.of("hi"), "BYTES", 1, 1).build())))).hasSize(1);
  }

  @Test
  void refusesAnOversizedMessage() throws Exception {
    String huge = "x".repeat(ZooConfig.DEFAULT_MAX_REQUEST_BYTES + 1);
    Throwable failure = catchThrowable(() -> await(kserve.modelInfer(textRequest("svm", List.of(huge), "BYTES", 1, 1).build())));
    assertThat(failure).isInstanceOf(ExecutionException.class);
    assertThat(((InvalidStatusException) failure.getCause()).actualStatus()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
  }

  @RepeatedTest(3) // one run of eight waves failed 17 times in 20 before the fix
  void keepsTheConnectionWhenCallersCancelManyCalls() throws Exception {
    // a broker cancels every call it no longer needs: hundreds per second is normal traffic here,
    // not an HTTP/2 rapid-reset attack, and must not cost the connection; calls come in waves, as
    // a broker's bursts do, so that cancels meet answers the server has queued but not yet sent
    GrpcClient own = GrpcClients.create(vertx, new GrpcClientOptions()); // a connection of its own
    for (int wave = 0; wave < 8; wave++) {
      List<Future<ModelInferResponse>> kept = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        boolean cancel = i % 4 != 0;
        kept.add(own.request(address, GRPCInferenceServiceGrpcClient.ModelInfer).compose(call -> {
          call.end(textRequest("keyword", List.of("set an alarm"), "BYTES", 1, 1).build());
          if (cancel) {
            // a moment after sending, as a caller that gave up does
            return vertx.timer(2, java.util.concurrent.TimeUnit.MILLISECONDS).map(v -> {
              call.cancel();
              return (ModelInferResponse) null;
            });
          }
          return call.response().compose(response -> response.last());
        }));
      }
      for (Future<ModelInferResponse> call : kept) {
        assertThat(await(call.recover(e -> Future.failedFuture(new AssertionError("a call failed: " + e, e)))))
            .satisfiesAnyOf(r -> assertThat(r).isNull(), r -> assertThat(labels(r)).containsExactly("alarm"));
      }
    }
    await(own.close());
  }

  private static void assertStatus(ModelInferRequest request, GrpcStatus status, String fragment) throws Exception {
    Failure failure = await(grpc.request(address, GRPCInferenceServiceGrpcClient.ModelInfer)
        .compose(call -> {
          call.end(request);
          return call.response();
        })
        .compose(response -> response.end().transform(ignored ->
            Future.succeededFuture(new Failure(response.status(), response.statusMessage())))));
    assertThat(failure.status()).as(failure.message()).isEqualTo(status);
    assertThat(failure.message()).contains(fragment);
  }
}
