package io.tbms.broker.backend.internal;

import io.tbms.broker.backend.AnswerOutputs;
import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ReplicaClient;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcClient;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.kserve.ModelInferResponse;
import io.tbms.protocol.transport.GrpcClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.util.Objects;

/**
 * KServe v2 {@code ModelInfer} over gRPC (HTTP/2, calls multiplexed on one connection). The
 * request is kept so that a cancel resets its stream: the server sees {@code CANCEL}.
 */
public final class GrpcReplicaClient implements ReplicaClient {

  /** Answers are small, but a tensor query may carry a large input. */
  private static final long MAX_MESSAGE_BYTES = 64L << 20;

  private final ReplicaConfig replica;
  private final AnswerOutputs outputs;
  private final SocketAddress address;
  private final GrpcClient client;

  public GrpcReplicaClient(Vertx vertx, ReplicaConfig replica, AnswerOutputs outputs) {
    this.replica = Objects.requireNonNull(replica, "replica");
    this.outputs = Objects.requireNonNull(outputs, "outputs");
    this.address = SocketAddress.inetSocketAddress(replica.port(), replica.host());
    this.client = GrpcClients.create(vertx, new GrpcClientOptions().setMaxMessageSize(MAX_MESSAGE_BYTES));
  }

  @Override
  public BackendCall infer(String model, String version, InferInput input) {
    PendingCall call = new PendingCall();
    try {
      ModelInferRequest message = GrpcInferCodec.request(model, version, input, outputs);
      client.request(address, GRPCInferenceServiceGrpcClient.ModelInfer).onComplete(opened -> {
        if (opened.failed()) {
          call.fail(Failures.of(replica, opened.cause()));
        } else {
          send(call, opened.result(), message, input.size());
        }
      });
    } catch (RuntimeException e) {
      call.fail(Failures.of(replica, e));
    }
    return call;
  }

  private void send(PendingCall call, GrpcClientRequest<ModelInferRequest, ModelInferResponse> request,
      ModelInferRequest message, int expected) {
    if (!call.attach(request::cancel)) {
      return;
    }
    request.send(message)
        .compose(response -> response.last().recover(failure -> Future.failedFuture(statusFailure(response, failure))))
        .onComplete(answered -> {
          if (answered.failed()) {
            call.fail(Failures.of(replica, answered.cause()));
            return;
          }
          try {
            call.complete(GrpcInferCodec.answers(answered.result(), outputs, expected));
          } catch (RuntimeException e) {
            call.fail(Failures.of(replica, e));
          }
        });
  }

  private Throwable statusFailure(GrpcClientResponse<ModelInferRequest, ModelInferResponse> response, Throwable failure) {
    GrpcStatus status = response.status();
    if (status == null || status == GrpcStatus.OK) {
      return failure;
    }
    String message = response.statusMessage();
    return Failures.backendError(replica, "gRPC status " + status.name() + (message == null ? "" : ": " + message));
  }

  @Override
  public ReplicaConfig replica() {
    return replica;
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
