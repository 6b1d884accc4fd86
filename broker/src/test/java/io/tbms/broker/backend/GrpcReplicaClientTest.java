package io.tbms.broker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.backend.BackendCall.CancelReason;
import io.tbms.broker.backend.BackendException.Reason;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcService;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.kserve.ModelInferResponse;
import io.tbms.protocol.kserve.ModelInferResponse.InferOutputTensor;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.common.GrpcError;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gRPC client against a tiny in-test {@code ModelInfer} server that records what it sees. */
class GrpcReplicaClientTest {

  private static final InferInput TWO = new InferInput.Texts(List.of("set a timer", "what is the weather like"));

  private final Promise<ModelInferRequest> received = Promise.promise();
  private final Promise<GrpcError> serverSawError = Promise.promise();
  private volatile Consumer<GrpcServerRequest<ModelInferRequest, ModelInferResponse>> answer = request -> {};
  private Vertx vertx;
  private HttpServer server;
  private ReplicaClient client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    GrpcServer grpc = GrpcServer.server(vertx).callHandler(GRPCInferenceServiceGrpcService.ModelInfer, request -> {
      request.errorHandler(serverSawError::tryComplete);
      request.handler(message -> {
        received.tryComplete(message);
        answer.accept(request);
      });
    });
    server = Await.result(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(grpc).listen());
    ReplicaConfig at = new ReplicaConfig("127.0.0.1", server.actualPort(), Transport.GRPC, "gpu0");
    client = ReplicaClient.create(vertx, at, AnswerOutputs.DEFAULT, 1);
  }

  @AfterEach
  void stop() throws Exception {
    Await.result(client.close());
    Await.result(vertx.close());
  }

  @Test
  void cancellingASentCallResetsItsStreamSoTheServerSeesCancel() throws Exception {
    BackendCall call = client.infer("svm", "", TWO);
    ModelInferRequest sent = Await.result(received.future());
    assertThat(sent.getModelName()).isEqualTo("svm");
    assertThat(sent.getInputs(0).getName()).isEqualTo("TEXT");
    assertThat(sent.getInputs(0).getDatatype()).isEqualTo("BYTES");
    assertThat(sent.getInputs(0).getShapeList()).containsExactly(2L, 1L);
    assertThat(sent.getInputs(0).getContents().getBytesContentsCount()).isEqualTo(2);
    assertThat(sent.getOutputsList()).extracting(o -> o.getName()).containsExactly("LABEL", "SCORE");

    call.cancel(CancelReason.NOT_NEEDED);

    assertThat(Await.failure(call.result()).reason()).isEqualTo(Reason.CANCELLED);
    assertThat(Await.result(serverSawError.future())).isEqualTo(GrpcError.CANCELLED);
  }

  @Test
  void aCallCancelledBeforeItsStreamOpensIsNeverSent() throws Exception {
    answer = request -> request.response().status(GrpcStatus.NOT_FOUND).end();
    BackendCall dropped = client.infer("dropped", "", TWO);
    dropped.cancel(CancelReason.LATE);
    assertThat(Await.failure(dropped.result()).reason()).isEqualTo(Reason.CANCELLED);

    Await.failure(client.infer("sent", "", TWO).result());
    assertThat(Await.result(received.future()).getModelName()).isEqualTo("sent");
  }

  @Test
  void readsAnswersSentAsTensorContents() throws Exception {
    answer = request -> request.response().end(ModelInferResponse.newBuilder()
        .addOutputs(InferOutputTensor.newBuilder().setName("LABEL").setDatatype("BYTES").addShape(2).addShape(1)
            .setContents(InferTensorContents.newBuilder()
                .addBytesContents(com.google.protobuf.ByteString.copyFromUtf8("timer"))
                .addBytesContents(com.google.protobuf.ByteString.copyFromUtf8("weather"))))
        .addOutputs(InferOutputTensor.newBuilder().setName("SCORE").setDatatype("FP32").addShape(2).addShape(1)
            .setContents(InferTensorContents.newBuilder().addFp32Contents(0.75f).addFp32Contents(0.5f)))
        .build());
    assertThat(Await.result(client.infer("svm", "1", TWO).result()))
        .containsExactly(new ModelAnswer("timer", 0.75f), new ModelAnswer("weather", 0.5f));
    assertThat(Await.result(received.future()).getModelVersion()).isEqualTo("1");
  }

  @Test
  void anErrorStatusIsABackendErrorCarryingTheServersMessage() throws Exception {
    answer = request -> request.response().status(GrpcStatus.UNAVAILABLE).statusMessage("queue full").end();
    BackendException failure = Await.failure(client.infer("svm", "", TWO).result());
    assertThat(failure.reason()).isEqualTo(Reason.BACKEND_ERROR);
    assertThat(failure.getMessage()).contains("UNAVAILABLE").contains("queue full");
  }

  @Test
  void aCallTheServerGaveUpOnAtItsDeadlineIsExpiredNotABackendError() throws Exception {
    answer = request -> request.response().status(GrpcStatus.UNAVAILABLE).statusMessage("Request timeout expired").end();
    assertThat(Await.failure(client.infer("svm", "", TWO).result()).reason()).isEqualTo(Reason.EXPIRED);
    answer = request -> request.response().status(GrpcStatus.DEADLINE_EXCEEDED).end();
    assertThat(Await.failure(client.infer("svm", "", TWO).result()).reason()).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void anAnswerWithoutTheLabelOutputIsABadResponse() throws Exception {
    answer = request -> request.response().end(ModelInferResponse.newBuilder()
        .addOutputs(InferOutputTensor.newBuilder().setName("SCORE").setDatatype("FP32")
            .setContents(InferTensorContents.newBuilder().addFp32Contents(0.75f).addFp32Contents(0.5f)))
        .build());
    BackendException failure = Await.failure(client.infer("svm", "", TWO).result());
    assertThat(failure.reason()).isEqualTo(Reason.BAD_RESPONSE);
    assertThat(failure.getMessage()).contains("'LABEL'");
  }
}
