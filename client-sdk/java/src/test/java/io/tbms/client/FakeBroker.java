package io.tbms.client;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * An HTTP/2 cleartext server on loopback that takes gRPC calls and does with each what the test
 * says: answer with a canned message or status, or never answer. Records what it received and
 * whether the client reset the stream.
 */
final class FakeBroker implements AutoCloseable {

  /** One received call: its headers and its message bytes (without the gRPC frame). */
  record Call(String path, MultiMap headers, byte[] message) {}

  final Vertx vertx = Vertx.vertx();
  final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  final BlockingQueue<Throwable> resets = new LinkedBlockingQueue<>();
  private final HttpServer server;

  /** @param respond what to do with each call once its message is in; may do nothing at all */
  FakeBroker(BiConsumer<Call, HttpServerRequest> respond) throws Exception {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(request -> {
          // a reset after the request ended reaches the response's handler
          request.exceptionHandler(resets::add);
          request.response().exceptionHandler(resets::add);
          request.body().onSuccess(body -> {
            byte[] framed = body.getBytes();
            byte[] message = new byte[Math.max(0, framed.length - 5)];
            System.arraycopy(framed, Math.min(5, framed.length), message, 0, message.length);
            Call call = new Call(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), message);
            calls.add(call);
            respond.accept(call, request);
          });
        });
    server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  int port() {
    return server.actualPort();
  }

  /** Answers OK with {@code message}, its status in the trailers. */
  static void ok(HttpServerRequest request, byte[] message) {
    Buffer frame = Buffer.buffer().appendByte((byte) 0).appendInt(message.length).appendBytes(message);
    request.response().putHeader("content-type", "application/grpc").putTrailer("grpc-status", "0").end(frame);
  }

  /** A trailers-only refusal: the status and any extra metadata in the response headers. */
  static void refuse(HttpServerRequest request, int status, String message, String... metadata) {
    var response = request.response().putHeader("content-type", "application/grpc")
        .putHeader("grpc-status", Integer.toString(status)).putHeader("grpc-message", message);
    for (int i = 0; i + 1 < metadata.length; i += 2) {
      response.putHeader(metadata[i], metadata[i + 1]);
    }
    response.end();
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
