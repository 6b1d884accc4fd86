package io.tbms.broker.backend.internal;

import io.tbms.broker.backend.AnswerOutputs;
import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ReplicaClient;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.common.time.Clock;
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
import java.util.concurrent.TimeUnit;

/**
 * KServe v2 {@code ModelInfer} over gRPC (HTTP/2, calls multiplexed on one connection). The
 * request is kept so that a cancel resets its stream: the server sees {@code CANCEL}. A call with a
 * deadline ({@link InferInput#urgency()}) carries the time left when it is sent as its {@code
 * grpc-timeout} as well as in the request's {@code timeout} parameter; the client does not cancel
 * it at that time itself (its caller does).
 */
public final class GrpcReplicaClient implements ReplicaClient {

  /** Answers are small, but a tensor query may carry a large input. */
  private static final long MAX_MESSAGE_BYTES = 64L << 20;

  private final ReplicaConfig replica;
  private final AnswerOutputs outputs;
  private final SocketAddress address;
  private final GrpcClient client;
  private final Clock clock;

  /** @param clock the clock of the calls' deadlines */
  public GrpcReplicaClient(Vertx vertx, ReplicaConfig replica, AnswerOutputs outputs, Clock clock) {
    this.replica = Objects.requireNonNull(replica, "replica");
    this.outputs = Objects.requireNonNull(outputs, "outputs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.address = SocketAddress.inetSocketAddress(replica.port(), replica.host());
    this.client = GrpcClients.create(vertx, new GrpcClientOptions().setMaxMessageSize(MAX_MESSAGE_BYTES));
  }

  @Override
  public BackendCall infer(String model, String version, InferInput input) {
    PendingCall call = new PendingCall();
    client.request(address, GRPCInferenceServiceGrpcClient.ModelInfer).onComplete(opened -> {
      if (opened.failed()) {
        call.fail(Failures.of(replica, opened.cause()));
      } else {
        send(call, opened.result(), model, version, input);
      }
    });
    return call;
  }

  private void send(PendingCall call, GrpcClientRequest<ModelInferRequest, ModelInferResponse> request,
      String model, String version, InferInput input) {
    if (!call.attach(request::cancel)) {
      return;
    }
    ModelInferRequest message;
    try {
      long now = clock.nanoTime(); // the time left is the time left now, as the call goes out
      message = GrpcInferCodec.request(model, version, input, outputs, now);
      input.urgency().timeoutMicros(now).ifPresent(micros -> request.timeout(micros, TimeUnit.MICROSECONDS));
    } catch (RuntimeException e) { // a request that cannot be encoded: nothing was sent
      call.fail(Failures.of(replica, e));
      request.cancel();
      return;
    }
    int expected = input.size();
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
    String what = "gRPC status " + status.name() + (message == null ? "" : ": " + message);
    boolean expired = status == GrpcStatus.DEADLINE_EXCEEDED
        || (status == GrpcStatus.UNAVAILABLE && Failures.TIMEOUT_EXPIRED.equals(message));
    return expired ? Failures.expired(replica, what) : Failures.backendError(replica, what);
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
