package io.tbms.broker.testing;

import com.google.protobuf.Message;
import io.tbms.common.auth.RequestSignature;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;

/** Calls the broker's gRPC methods with signed metadata, as raw bytes, like any outside client. */
public final class SignedGrpc implements AutoCloseable {

  /** The status, message and (when OK) the response bytes of one unary call. */
  /**
   * @param trailers the response's trailing metadata ({@code grpc-retry-pushback-ms}, say): the
   *     trailers, or the headers of a trailers-only response
   */
  public record Reply(GrpcStatus status, String message, Buffer body, MultiMap trailers) {}

  private final GrpcClient client;
  private final SocketAddress address;

  public SignedGrpc(Vertx vertx, int port) {
    this.client = GrpcClient.client(vertx);
    this.address = SocketAddress.inetSocketAddress(port, "127.0.0.1");
  }

  /** @param method e.g. {@code Try}; signed with the demo credentials now */
  public Reply call(String method, Message request) throws Exception {
    return call(method, request.toByteArray(), "demo", "demo-secret-key", System.currentTimeMillis(), true);
  }

  public Reply call(String method, byte[] body, String accessId, String key, long timestamp, boolean signed)
      throws Exception {
    return call(method, body, accessId, key, timestamp, signed, null);
  }

  /** Signed with the demo credentials, claiming {@code instance} in {@code x-tbms-instance}. */
  public Reply callClaiming(String instance, String method, Message request) throws Exception {
    return call(method, request.toByteArray(), "demo", "demo-secret-key", System.currentTimeMillis(), true, instance);
  }

  private Reply call(String method, byte[] body, String accessId, String key, long timestamp, boolean signed,
      String instance) throws Exception {
    String path = "/tbms.v1.TimeBroker/" + method;
    Promise<Reply> reply = Promise.promise();
    client.request(address).onComplete(ar -> {
      if (ar.failed()) {
        reply.fail(ar.cause());
        return;
      }
      var request = ar.result();
      request.fullMethodName(path.substring(1));
      if (signed) {
        request.headers()
            .set(RequestSignature.ACCESS_ID_HEADER.toLowerCase(), accessId)
            .set(RequestSignature.TIMESTAMP_HEADER.toLowerCase(), Long.toString(timestamp))
            .set(RequestSignature.SIGNATURE_HEADER.toLowerCase(), RequestSignature.sign(key, "POST", path, timestamp, body));
      }
      if (instance != null) {
        request.headers().set(RequestSignature.INSTANCE_HEADER.toLowerCase(), instance);
      }
      request.response().onComplete(resp -> {
        if (resp.failed()) {
          reply.fail(resp.cause());
          return;
        }
        Buffer[] last = new Buffer[1];
        resp.result().handler(b -> last[0] = b);
        resp.result().endHandler(v -> reply.tryComplete(
            new Reply(resp.result().status(), resp.result().statusMessage(), last[0], metadata(resp.result()))));
        resp.result().exceptionHandler(e -> reply.tryComplete(
            new Reply(resp.result().status(), resp.result().statusMessage(), last[0], metadata(resp.result()))));
      });
      request.end(Buffer.buffer(body));
    });
    return Stack.await(reply.future());
  }

  private static MultiMap metadata(io.vertx.grpc.client.GrpcClientResponse<?, ?> response) {
    return MultiMap.caseInsensitiveMultiMap().addAll(response.headers()).addAll(response.trailers());
  }

  @Override
  public void close() throws Exception {
    Stack.await(client.close());
  }

}
