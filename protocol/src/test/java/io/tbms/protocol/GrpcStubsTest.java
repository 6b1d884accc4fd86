package io.tbms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.tbms.protocol.broker.v1.Answer;
import io.tbms.protocol.broker.v1.MixTryRequest;
import io.tbms.protocol.broker.v1.ModelRef;
import io.tbms.protocol.broker.v1.Query;
import io.tbms.protocol.broker.v1.TimeBrokerGrpcClient;
import io.tbms.protocol.broker.v1.TimeBrokerGrpcService;
import io.tbms.protocol.broker.v1.TimeBrokerService;
import io.tbms.protocol.broker.v1.TryRequest;
import io.tbms.protocol.broker.v1.TryResponse;
import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcClient;
import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcService;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.kserve.ModelInferResponse;
import io.tbms.protocol.kserve.ModelReadyRequest;
import io.tbms.protocol.kserve.ModelReadyResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.StatusException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Vert.x gRPC stubs (generated for GRPCInferenceService, hand-written for TimeBroker) bind to
 * a GrpcServer and call it over real HTTP/2 on loopback.
 */
class GrpcStubsTest {

  private Vertx vertx;
  private HttpServer httpServer;
  private GrpcClient grpcClient;
  private SocketAddress address;

  @BeforeEach
  void startServer() throws Exception {
    vertx = Vertx.vertx();
    GrpcServer grpcServer = GrpcServer.server(vertx);

    grpcServer.addService(new GRPCInferenceServiceGrpcService() {
      @Override
      public Future<ModelInferResponse> modelInfer(ModelInferRequest request) {
        String text = request.getInputs(0).getContents().getBytesContents(0).toStringUtf8();
        return Future.succeededFuture(ModelInferResponse.newBuilder()
            .setModelName(request.getModelName())
            .setId(request.getId())
            .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
                .setName("LABEL").setDatatype("BYTES").addShape(1).addShape(1)
                .setContents(InferTensorContents.newBuilder()
                    .addBytesContents(ByteString.copyFromUtf8("label-of:" + text))))
            .build());
      }

      @Override
      public Future<ModelReadyResponse> modelReady(ModelReadyRequest request) {
        return Future.failedFuture(new StatusException(GrpcStatus.NOT_FOUND, "no model " + request.getName()));
      }
    });

    grpcServer.addService(TimeBrokerGrpcService.of(new TimeBrokerService() {
      @Override
      public Future<TryResponse> try_(TryRequest request) {
        return Future.succeededFuture(TryResponse.newBuilder()
            .setStatus(TryResponse.Status.STATUS_ANSWERED)
            .setAnswer(Answer.newBuilder().setLabel("card_pin_reset").setScore(0.9f))
            .setModel(request.getModels(0).getName())
            .build());
      }
      // mixTry is left unimplemented on purpose
    }));

    httpServer = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(grpcServer);
    await(httpServer.listen());
    address = SocketAddress.inetSocketAddress(httpServer.actualPort(), "127.0.0.1");
    grpcClient = GrpcClient.client(vertx);
  }

  @AfterEach
  void stopServer() throws Exception {
    await(grpcClient.close());
    await(httpServer.close());
    await(vertx.close());
  }

  @Test
  void generatedInferenceServiceAnswersModelInferThroughTheGeneratedClient() throws Exception {
    GRPCInferenceServiceGrpcClient client = GRPCInferenceServiceGrpcClient.create(grpcClient, address);

    ModelInferResponse response = await(client.modelInfer(ModelInferRequest.newBuilder()
        .setModelName("svm")
        .setId("r1")
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
            .setName("TEXT").setDatatype("BYTES").addShape(1).addShape(1)
            .setContents(InferTensorContents.newBuilder()
                .addBytesContents(ByteString.copyFromUtf8("freeze my card"))))
        .build()));

    assertThat(response.getModelName()).isEqualTo("svm");
    assertThat(response.getId()).isEqualTo("r1");
    assertThat(response.getOutputs(0).getContents().getBytesContents(0).toStringUtf8())
        .isEqualTo("label-of:freeze my card");
  }

  @Test
  void statusExceptionFromTheServiceReachesTheClientAsThatStatus() {
    GRPCInferenceServiceGrpcClient client = GRPCInferenceServiceGrpcClient.create(grpcClient, address);

    Throwable failure = catchThrowable(
        () -> await(client.modelReady(ModelReadyRequest.newBuilder().setName("nope").build())));

    assertThat(failure).isInstanceOf(InvalidStatusException.class);
    assertThat(((InvalidStatusException) failure).actualStatus()).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  @Test
  void timeBrokerTryIsServedAtItsWirePathThroughTheHandWrittenStubs() throws Exception {
    TimeBrokerGrpcClient client = TimeBrokerGrpcClient.create(grpcClient, address);

    TryResponse response = await(client.try_(TryRequest.newBuilder()
        .setQuery(Query.newBuilder().setText("reset pin"))
        .addModels(ModelRef.newBuilder().setName("embedding").setEstMs(35))
        .setBudgetMs(50)
        .build()));

    assertThat(TimeBrokerGrpcClient.Try.fullMethodName()).isEqualTo("tbms.v1.TimeBroker/Try");
    assertThat(response.getStatus()).isEqualTo(TryResponse.Status.STATUS_ANSWERED);
    assertThat(response.getModel()).isEqualTo("embedding");
    assertThat(response.getAnswer().getLabel()).isEqualTo("card_pin_reset");
  }

  @Test
  void timeBrokerMethodNotOverriddenAnswersUnimplemented() {
    TimeBrokerGrpcClient client = TimeBrokerGrpcClient.create(grpcClient, address);

    Throwable failure = catchThrowable(() -> await(client.mixTry(MixTryRequest.getDefaultInstance())));

    assertThat(failure).isInstanceOf(InvalidStatusException.class);
    assertThat(((InvalidStatusException) failure).actualStatus()).isEqualTo(GrpcStatus.UNIMPLEMENTED);
  }

  @Test
  void timeBrokerServiceExposesItsDescriptorForReflection() {
    assertThat(TimeBrokerGrpcService.SERVICE_DESCRIPTOR.getFullName()).isEqualTo("tbms.v1.TimeBroker");
    assertThat(TimeBrokerGrpcService.SERVICE_DESCRIPTOR.getMethods())
        .extracting(m -> m.getName()).containsExactly("Try", "MixTry");
    assertThat(GRPCInferenceServiceGrpcService.SERVICE_DESCRIPTOR.getFullName())
        .isEqualTo("inference.GRPCInferenceService");
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
