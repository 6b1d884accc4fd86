package io.tbms.protocol.broker.v1;

import io.vertx.core.Completable;
import io.vertx.core.Future;

/**
 * Base class for implementations of the {@code tbms.v1.TimeBroker} service; override
 * {@link #try_(TryRequest)} and {@link #mixTry(MixTryRequest)}. Bind an instance to a
 * {@code GrpcServer} with {@link TimeBrokerGrpcService#of(TimeBrokerService)}, or extend
 * {@link TimeBrokerGrpcService} directly. Same shape as the generated
 * {@code io.tbms.protocol.kserve.GRPCInferenceServiceService}; see {@link TimeBroker} for why it
 * is hand-written.
 *
 * <p>A method that is not overridden answers gRPC {@code UNIMPLEMENTED}. A failed future whose
 * cause is an {@code io.vertx.grpc.server.StatusException} answers with that status and message
 * (e.g. {@code INVALID_ARGUMENT}); any other failure answers {@code UNKNOWN}.
 */
public class TimeBrokerService implements TimeBroker {

  /** Override this method to implement the {@code Try} rpc. */
  @Override
  public Future<TryResponse> try_(TryRequest request) {
    return Future.failedFuture(new UnsupportedOperationException("Not implemented"));
  }

  /** Completes {@code response} with the result of {@link #try_(TryRequest)}. */
  protected void try_(TryRequest request, Completable<TryResponse> response) {
    TimeBrokerGrpcService.invoke(() -> try_(request)).onComplete(response);
  }

  /** Override this method to implement the {@code MixTry} rpc. */
  @Override
  public Future<TryResponse> mixTry(MixTryRequest request) {
    return Future.failedFuture(new UnsupportedOperationException("Not implemented"));
  }

  /** Completes {@code response} with the result of {@link #mixTry(MixTryRequest)}. */
  protected void mixTry(MixTryRequest request, Completable<TryResponse> response) {
    TimeBrokerGrpcService.invoke(() -> mixTry(request)).onComplete(response);
  }
}
