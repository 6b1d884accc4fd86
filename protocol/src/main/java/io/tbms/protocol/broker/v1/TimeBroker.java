package io.tbms.protocol.broker.v1;

import io.vertx.core.Future;

/**
 * Contract of the {@code tbms.v1.TimeBroker} gRPC service (see {@code tbms/v1/broker.proto}).
 *
 * <p>Written by hand in the shape {@code vertx-grpc-protoc-plugin2} generates (compare
 * {@code io.tbms.protocol.kserve.GRPCInferenceService}): version 5.0.7 of the plugin emits a
 * method literally named {@code try} for the rpc {@code Try}, which is not valid Java. The Java
 * method is therefore {@code try_}, the escape grpc-java and the plugin's own (non-working)
 * keyword handling use; the wire method is still {@code /tbms.v1.TimeBroker/Try}.
 */
public interface TimeBroker {

  /** The rpc {@code Try}: a query over a chain of models. */
  Future<TryResponse> try_(TryRequest request);

  /** The rpc {@code MixTry}: a query over a chain of model groups. */
  Future<TryResponse> mixTry(MixTryRequest request);
}
