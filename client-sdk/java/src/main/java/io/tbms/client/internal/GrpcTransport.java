package io.tbms.client.internal;

import io.tbms.common.time.Clock;
import io.tbms.protocol.transport.GrpcClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Unary gRPC calls to one broker over one HTTP/2 connection, each with a deadline after which it
 * fails and is cancelled on the wire. Owns its {@link GrpcClient}, not the {@link Vertx}.
 * Thread-safe.
 */
public final class GrpcTransport {

  private final Vertx vertx;
  private final GrpcClient client;
  private final SocketAddress address;
  private final String endpoint;
  private final Clock clock;
  private final Set<UnaryCall<?>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public GrpcTransport(Vertx vertx, String host, int port, Clock clock) {
    this.vertx = vertx;
    this.client = GrpcClients.create(vertx, new GrpcClientOptions());
    this.address = SocketAddress.inetSocketAddress(port, host);
    this.endpoint = host + ":" + port;
    this.clock = clock;
  }

  /**
   * Sends {@code body} to {@code path} with {@code headers} and a {@code grpc-timeout} of
   * {@code timeoutMillis}. The future completes on an event loop of the {@link Vertx}, by
   * {@code timeoutMillis} after this call at the latest: with the decoded response, or with a
   * {@code TbmsException}. Cancelling the future cancels the call on the wire.
   *
   * @param decode turns the response message into the result; may throw a {@code TbmsException}
   */
  public <T> CompletableFuture<T> call(String path, byte[] body, Map<String, String> headers, long timeoutMillis,
      Function<byte[], T> decode) {
    UnaryCall<T> call = new UnaryCall<>(vertx, client, address, endpoint, clock, decode);
    inFlight.add(call);
    call.result().whenComplete((r, e) -> inFlight.remove(call));
    if (closed) {
      // close() may have swept the in-flight set before this call joined it
      call.fail(Failures.clientClosed());
      return call.result();
    }
    call.start(path, body, headers, timeoutMillis);
    return call.result();
  }

  /** Fails the calls in flight (cancelling them on the wire) and closes the gRPC client. */
  public Future<Void> close() {
    closed = true;
    for (UnaryCall<?> call : inFlight) {
      call.fail(Failures.clientClosed());
    }
    return client.close();
  }
}
