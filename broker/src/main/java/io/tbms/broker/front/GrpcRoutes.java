package io.tbms.broker.front;

import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import io.tbms.common.time.Clock;
import io.tbms.protocol.broker.v1.BrokerProto;
import io.tbms.protocol.broker.v1.MixTryRequest;
import io.tbms.protocol.broker.v1.TryRequest;
import io.tbms.protocol.broker.v1.TryResponse;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.Service;
import java.util.function.Consumer;

/**
 * The broker's gRPC front: {@code tbms.v1.TimeBroker/Try} and {@code /MixTry}. Requests are read
 * as raw bytes first, because the signature covers the serialized message exactly as the client
 * sent it; then parsed. Refusals end the call with the {@link Refusal}'s gRPC status and the
 * message (naming the field for bad input). Handlers run on the event loop and never block.
 */
public final class GrpcRoutes implements Service {

  /** {@code tbms.v1.TimeBroker} as declared in broker.proto; feeds gRPC server reflection. */
  private static final Descriptors.ServiceDescriptor DESCRIPTOR =
      BrokerProto.getDescriptor().findServiceByName("TimeBroker");
  private static final ServiceName SERVICE_NAME = ServiceName.create(DESCRIPTOR.getFullName());

  private static final ServiceMethod<Buffer, TryResponse> TRY = ServiceMethod.server(
      SERVICE_NAME, "Try", GrpcMessageEncoder.encoder(), GrpcMessageDecoder.IDENTITY);
  private static final ServiceMethod<Buffer, TryResponse> MIX_TRY = ServiceMethod.server(
      SERVICE_NAME, "MixTry", GrpcMessageEncoder.encoder(), GrpcMessageDecoder.IDENTITY);

  /** {@code /tbms.v1.TimeBroker/Try}: the path signed for a {@code Try}. */
  private static final String TRY_PATH = SERVICE_NAME.pathOf("Try");
  /** {@code /tbms.v1.TimeBroker/MixTry}: the path signed for a {@code MixTry}. */
  private static final String MIX_TRY_PATH = SERVICE_NAME.pathOf("MixTry");

  private final Clock clock;
  private final Authenticator auth;
  private final TryService service;
  private final Consumer<Refusal> refused;

  /** @param refused told of every refusal, for metrics */
  public GrpcRoutes(Clock clock, Authenticator auth, TryService service, Consumer<Refusal> refused) {
    this.clock = clock;
    this.auth = auth;
    this.service = service;
    this.refused = refused;
  }

  @Override
  public ServiceName name() {
    return SERVICE_NAME;
  }

  @Override
  public Descriptors.ServiceDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void bind(GrpcServer server) {
    server.callHandler(TRY, request -> unary(request, TRY_PATH, (instance, bytes, t0) ->
        service.tryQuery(instance, parse(() -> TryRequest.parseFrom(bytes)), t0)));
    server.callHandler(MIX_TRY, request -> unary(request, MIX_TRY_PATH, (instance, bytes, t0) ->
        service.mixTry(instance, parse(() -> MixTryRequest.parseFrom(bytes)), t0)));
  }

  @FunctionalInterface
  private interface Call {
    Future<TryResponse> run(String instance, byte[] body, long t0Nanos);
  }

  @FunctionalInterface
  private interface Parser<T> {
    T parse() throws InvalidProtocolBufferException;
  }

  private static <T> T parse(Parser<T> parser) {
    try {
      return parser.parse();
    } catch (InvalidProtocolBufferException e) {
      throw new RefusedException(Refusal.INVALID_ARGUMENT, "message", "message: not a valid request: " + e.getMessage());
    }
  }

  private void unary(GrpcServerRequest<Buffer, TryResponse> request, String path, Call call) {
    long t0 = clock.nanoTime();
    request.handler(message -> {
      byte[] body = message.getBytes();
      Future<TryResponse> response;
      try {
        String instance = auth.authenticate(request.headers(), "POST", path, body);
        response = call.run(instance, body, t0);
      } catch (RefusedException e) {
        response = Future.failedFuture(e);
      }
      response.onComplete(ar -> {
        if (ar.succeeded()) {
          request.response().end(ar.result());
        } else {
          RefusedException refusal = ar.cause() instanceof RefusedException r ? r
              : new RefusedException(Refusal.INTERNAL, null, "internal error: " + ar.cause());
          refused.accept(refusal.refusal());
          if (refusal.refusal().retryLater()) {
            request.response().trailers().set(Refusal.GRPC_RETRY_PUSHBACK, String.valueOf(Refusal.RETRY_AFTER_SECONDS * 1000));
          }
          request.response().status(refusal.refusal().grpcStatus()).statusMessage(refusal.getMessage()).end();
        }
      });
    });
  }
}
