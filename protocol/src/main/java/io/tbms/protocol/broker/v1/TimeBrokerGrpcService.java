package io.tbms.protocol.broker.v1;

import com.google.protobuf.Descriptors;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.Service;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Server side of the {@code tbms.v1.TimeBroker} gRPC service on a Vert.x {@link GrpcServer}:
 * extend this class (overriding {@code try_} / {@code mixTry}) and register it with
 * {@code grpcServer.addService(impl)}, or wrap a {@link TimeBrokerService} with {@link #of}.
 * The {@link #descriptor()} feeds gRPC server reflection.
 *
 * <p>Same shape as the generated {@code io.tbms.protocol.kserve.GRPCInferenceServiceGrpcService};
 * see {@link TimeBroker} for why it is hand-written.
 */
public class TimeBrokerGrpcService extends TimeBrokerService implements Service {

  /** {@code tbms.v1.TimeBroker}. */
  public static final ServiceName SERVICE_NAME = ServiceName.create("tbms.v1", "TimeBroker");

  /** The service's protobuf descriptor. */
  public static final Descriptors.ServiceDescriptor SERVICE_DESCRIPTOR =
      BrokerProto.getDescriptor().findServiceByName("TimeBroker");

  /** Server side of {@code /tbms.v1.TimeBroker/Try}. */
  public static final ServiceMethod<TryRequest, TryResponse> Try = ServiceMethod.server(
      SERVICE_NAME,
      "Try",
      GrpcMessageEncoder.encoder(),
      GrpcMessageDecoder.decoder(TryRequest.newBuilder()));

  /** Server side of {@code /tbms.v1.TimeBroker/MixTry}. */
  public static final ServiceMethod<MixTryRequest, TryResponse> MixTry = ServiceMethod.server(
      SERVICE_NAME,
      "MixTry",
      GrpcMessageEncoder.encoder(),
      GrpcMessageDecoder.decoder(MixTryRequest.newBuilder()));

  @Override
  public ServiceName name() {
    return SERVICE_NAME;
  }

  @Override
  public Descriptors.ServiceDescriptor descriptor() {
    return SERVICE_DESCRIPTOR;
  }

  @Override
  public void bind(GrpcServer server) {
    bind(this, server);
  }

  /** @return all server methods of the service */
  public static List<ServiceMethod<?, ?>> all() {
    return List.of(Try, MixTry);
  }

  /** @return a {@link Service} serving all methods with {@code service} */
  public static Service of(TimeBrokerService service) {
    return new Service() {
      @Override
      public ServiceName name() {
        return SERVICE_NAME;
      }

      @Override
      public Descriptors.ServiceDescriptor descriptor() {
        return SERVICE_DESCRIPTOR;
      }

      @Override
      public void bind(GrpcServer server) {
        TimeBrokerGrpcService.bind(service, server);
      }
    };
  }

  private static void bind(TimeBrokerService service, GrpcServer server) {
    server.callHandler(Try, request -> unary(request, service::try_));
    server.callHandler(MixTry, request -> unary(request, service::mixTry));
  }

  private static <Req, Resp> void unary(
      GrpcServerRequest<Req, Resp> request, BiConsumer<Req, Completable<Resp>> method) {
    request.handler(msg -> method.accept(msg, (res, err) -> {
      if (err == null) {
        request.response().end(res);
      } else {
        request.response().fail(err);
      }
    }));
  }

  /** Runs {@code call}, turning an exception it throws into a failed future. */
  static <T> Future<T> invoke(Supplier<Future<T>> call) {
    try {
      Future<T> result = call.get();
      return result != null ? result : Future.failedFuture(new NullPointerException("null future"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
