package io.tbms.client.internal;

import io.tbms.client.TbmsException;
import io.tbms.common.time.Clock;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One unary call with its deadline timer. Its mutable state is confined to one Vert.x context;
 * {@link #result()} may be completed from any thread (a deadline, the client closing, the caller
 * cancelling), and whatever completes it first wins.
 */
final class UnaryCall<T> {

  private final Vertx vertx;
  private final GrpcClient client;
  private final SocketAddress address;
  private final String endpoint;
  private final Clock clock;
  private final Function<byte[], T> decode;
  private final Context context;
  private final CompletableFuture<T> result = new CompletableFuture<>();

  // confined to context
  private GrpcClientRequest<Buffer, Buffer> request;
  private boolean streamDone;
  private long timerId = -1;

  UnaryCall(Vertx vertx, GrpcClient client, SocketAddress address, String endpoint, Clock clock,
      Function<byte[], T> decode) {
    this.vertx = vertx;
    this.client = client;
    this.address = address;
    this.endpoint = endpoint;
    this.clock = clock;
    this.decode = decode;
    this.context = vertx.getOrCreateContext();
    // however the result is completed (deadline, close, the caller's cancel), the call stops
    result.whenComplete((r, e) -> context.runOnContext(v -> release()));
  }

  CompletableFuture<T> result() {
    return result;
  }

  void fail(TbmsException e) {
    result.completeExceptionally(e);
  }

  void start(String path, byte[] body, Map<String, String> headers, long timeoutMillis) {
    long startNanos = clock.nanoTime();
    context.runOnContext(v -> {
      if (result.isDone()) {
        return;
      }
      long left = Math.max(1, timeoutMillis - (clock.nanoTime() - startNanos) / 1_000_000);
      timerId = vertx.setTimer(left, t -> {
        timerId = -1;
        fail(Failures.deadlineExceeded(timeoutMillis));
      });
      client.request(address).onComplete(ar -> {
        if (ar.failed()) {
          fail(Failures.connectFailed(endpoint, ar.cause()));
          return;
        }
        request = ar.result();
        if (result.isDone()) {
          release();
          return;
        }
        send(path, body, headers, Math.max(1, timeoutMillis - (clock.nanoTime() - startNanos) / 1_000_000));
      });
    });
  }

  private void send(String path, byte[] body, Map<String, String> headers, long timeoutMillis) {
    request.fullMethodName(path.substring(1));
    headers.forEach(request.headers()::set);
    // grpc-timeout, so the broker and any proxy know when the caller stops waiting
    request.timeout(timeoutMillis, TimeUnit.MILLISECONDS);
    request.exceptionHandler(e -> {
      streamDone = true;
      fail(Failures.connectionClosed(e));
    });
    request.response().onComplete(ar -> {
      if (ar.failed()) {
        streamDone = true;
        fail(Failures.connectionClosed(ar.cause()));
        return;
      }
      GrpcClientResponse<Buffer, Buffer> response = ar.result();
      Buffer[] message = new Buffer[1];
      response.handler(b -> message[0] = b);
      response.endHandler(v -> finish(response, message[0]));
      response.exceptionHandler(e -> {
        if (response.status() != null) {
          finish(response, message[0]);
        } else {
          streamDone = true;
          fail(Failures.connectionClosed(e));
        }
      });
    });
    request.end(Buffer.buffer(body));
  }

  private void finish(GrpcClientResponse<Buffer, Buffer> response, Buffer message) {
    streamDone = true;
    if (response.status() != GrpcStatus.OK) {
      MultiMap metadata = MultiMap.caseInsensitiveMultiMap().addAll(response.headers()).addAll(response.trailers());
      fail(Failures.fromStatus(response.status(), response.statusMessage(), metadata));
    } else if (message == null) {
      fail(new io.tbms.client.UnavailableException("INTERNAL", "malformed response from the broker: no message"));
    } else {
      try {
        result.complete(decode.apply(message.getBytes()));
      } catch (TbmsException e) {
        fail(e);
      }
    }
  }

  /** Stops the timer and, when the stream is still open, cancels the call on the wire. */
  private void release() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    if (request != null && !streamDone) {
      streamDone = true;
      request.cancel();
    }
  }
}
