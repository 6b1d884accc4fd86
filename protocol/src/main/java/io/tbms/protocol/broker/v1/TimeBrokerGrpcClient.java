package io.tbms.protocol.broker.v1;

import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.common.WireFormat;
import java.util.Objects;

/**
 * Vert.x gRPC client of the {@code tbms.v1.TimeBroker} service. Unary calls return the response
 * or fail (with {@code io.vertx.grpc.client.InvalidStatusException} for a non-OK status). For
 * per-call metadata (the x-tbms-* signature headers), deadlines or cancellation, use the
 * {@link #Try} / {@link #MixTry} method constants with {@code GrpcClient.request(address, method)}
 * directly.
 *
 * <p>Same shape as the generated {@code io.tbms.protocol.kserve.GRPCInferenceServiceGrpcClient};
 * see {@link TimeBroker} for why it is hand-written.
 */
public interface TimeBrokerGrpcClient extends TimeBrokerClient {

  /** Client side of {@code /tbms.v1.TimeBroker/Try}. */
  ServiceMethod<TryResponse, TryRequest> Try = ServiceMethod.client(
      ServiceName.create("tbms.v1", "TimeBroker"),
      "Try",
      GrpcMessageEncoder.encoder(),
      GrpcMessageDecoder.decoder(TryResponse.newBuilder()));

  /** Client side of {@code /tbms.v1.TimeBroker/MixTry}. */
  ServiceMethod<TryResponse, MixTryRequest> MixTry = ServiceMethod.client(
      ServiceName.create("tbms.v1", "TimeBroker"),
      "MixTry",
      GrpcMessageEncoder.encoder(),
      GrpcMessageDecoder.decoder(TryResponse.newBuilder()));

  /** A client calling {@code host} over {@code client}, protobuf wire format. */
  static TimeBrokerGrpcClient create(GrpcClient client, SocketAddress host) {
    return create(client, host, WireFormat.PROTOBUF);
  }

  /** A client calling {@code host} over {@code client} in {@code wireFormat}. */
  static TimeBrokerGrpcClient create(GrpcClient client, SocketAddress host, WireFormat wireFormat) {
    Objects.requireNonNull(client);
    Objects.requireNonNull(host);
    Objects.requireNonNull(wireFormat);
    return new TimeBrokerGrpcClient() {
      @Override
      public Future<TryResponse> try_(TryRequest request) {
        return client.request(host, Try).compose(req -> {
          req.format(wireFormat);
          return req.end(request).compose(v -> req.response().compose(resp -> resp.last()));
        });
      }

      @Override
      public Future<TryResponse> mixTry(MixTryRequest request) {
        return client.request(host, MixTry).compose(req -> {
          req.format(wireFormat);
          return req.end(request).compose(v -> req.response().compose(resp -> resp.last()));
        });
      }
    };
  }
}
