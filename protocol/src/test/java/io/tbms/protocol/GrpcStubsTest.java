package io.tbms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.tbms.protocol.broker.v1.BrokerProto;
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
 * The generated Vert.x gRPC stubs of GRPCInferenceService bind to a GrpcServer and call it over
 * real HTTP/2 on loopback; broker.proto's TimeBroker descriptor (bound by the broker's gRPC front,
 * which has no generated stubs) declares the methods the front serves.
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
  void serviceDescriptorsForReflectionNameTheirServicesAndMethods() {
    var timeBroker = BrokerProto.getDescriptor().findServiceByName("TimeBroker");
    assertThat(timeBroker.getFullName()).isEqualTo("tbms.v1.TimeBroker");
    assertThat(timeBroker.getMethods())
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
