package io.tbms.protocol.transport;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.impl.GrpcClientImpl;

/**
 * gRPC clients for callers that cancel calls: every HTTP/2 connection they open keeps serving
 * however many calls are cancelled on it (see {@link ResetLimit} and {@link StreamErrorGuard}).
 *
 * <p>Use these instead of {@code GrpcClient.client(vertx, ...)} wherever calls are cancelled as a
 * matter of course (a broker withdrawing calls it no longer needs, a caller's deadline).
 */
public final class GrpcClients {

  private GrpcClients() {}

  /**
   * A client with {@code options} over HTTP/2 prior knowledge (as {@code GrpcClient.client} sets
   * up), keeping up to {@code pool.getHttp2MaxSize()} connections per server.
   */
  public static GrpcClient create(Vertx vertx, GrpcClientOptions options, HttpClientOptions transport, PoolOptions pool) {
    HttpClient http = vertx.httpClientBuilder()
        .with(new HttpClientOptions(transport).setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false))
        .with(pool)
        .withConnectHandler(CancelTolerance::install)
        .build();
    // the protected constructor is the only one taking both gRPC options and an own HTTP client;
    // closing the gRPC client closes that HTTP client too
    return new GrpcClientImpl(vertx, options, http, true) {};
  }

  /** A client with {@code options}, default transport options and one connection per server. */
  public static GrpcClient create(Vertx vertx, GrpcClientOptions options) {
    return create(vertx, options, new HttpClientOptions(), new PoolOptions());
  }
}
