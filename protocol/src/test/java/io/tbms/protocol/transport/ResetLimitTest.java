package io.tbms.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.common.GrpcErrorException;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client connection keeps serving after many more stream resets, sent or received, than the
 * 200 in 30 s that a Vert.x 5.0 HTTP/2 client connection otherwise allows.
 */
class ResetLimitTest {

  /** Well past the guard's 200 per window. */
  private static final int RESETS = 300;
  /** INTERNAL_ERROR: a code the sent-reset guard counts (it leaves CANCEL and NO_ERROR alone). */
  private static final long COUNTED_CODE = 0x2;

  private Vertx vertx;
  private final AtomicInteger connections = new AtomicInteger();
  private int port;

  @BeforeEach
  void startServer() throws Exception {
    vertx = Vertx.vertx();
    // the server's own guards are set out of the way: what is tested is the client's
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
            .setHttp2RstFloodMaxRstFramePerWindow(1_000_000))
        .connectionHandler(connection -> connections.incrementAndGet())
        .requestHandler(request -> {
          switch (request.path()) {
            case "/ok" -> request.response().end("ok");
            case "/reset", "/reset/Call" -> request.response().reset(COUNTED_CODE);
            default -> { } // "/hang": never answered, the client resets it
          }
        });
    port = await(server.listen()).actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void sendsManyResetsOnOneConnection() throws Exception {
    HttpClient client = http(true);
    assertThat(answer(client)).isEqualTo("ok");
    for (int i = 0; i < RESETS; i++) {
      assertThat(await(sendAndReset(client))).isTrue();
    }
    assertThat(answer(client)).isEqualTo("ok");
    assertThat(connections).hasValue(1);
  }

  @Test
  void receivesManyResetsOnOneConnection() throws Exception {
    HttpClient client = http(true);
    assertThat(answer(client)).isEqualTo("ok");
    for (int i = 0; i < RESETS; i++) {
      var request = await(client.request(options("/reset")));
      assertThat(await(request.send().transform(Future::succeededFuture)).failed()).isTrue();
    }
    assertThat(answer(client)).isEqualTo("ok");
    assertThat(connections).hasValue(1);
  }

  @Test
  void withoutTheLiftTheConnectionClosesAfterTwoHundredResets() throws Exception {
    // the reason for this class: if a Vert.x upgrade builds clients as clients, this test fails
    // and ResetLimit can go
    HttpClient client = http(false);
    assertThat(answer(client)).isEqualTo("ok");
    for (int i = 0; i < RESETS; i++) {
      await(sendAndReset(client)); // some fail once the connection is gone
    }
    assertThat(answer(client)).isEqualTo("ok");
    assertThat(connections).hasValueGreaterThan(1);
  }

  @Test
  void grpcClientsCreatedHereCarryTheLift() throws Exception {
    GrpcClient grpc = GrpcClients.create(vertx, new GrpcClientOptions());
    List<Future<Throwable>> calls = new ArrayList<>();
    for (int i = 0; i < RESETS; i++) {
      calls.add(grpc.request(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
          .compose(call -> {
            call.fullMethodName("reset/Call");
            call.end(Buffer.buffer());
            return call.response();
          })
          .transform(done -> Future.succeededFuture(done.cause())));
    }
    for (Future<Throwable> call : calls) {
      // the server reset this call; the connection carrying it stayed up
      assertThat(await(call)).isInstanceOfSatisfying(GrpcErrorException.class,
          e -> assertThat(e.status()).isEqualTo(GrpcStatus.INTERNAL));
    }
    assertThat(connections).hasValue(1);
    await(grpc.close());
  }

  private HttpClient http(boolean lifted) {
    var builder = vertx.httpClientBuilder().with(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false))
        .with(new io.vertx.core.http.PoolOptions().setHttp2MaxSize(1));
    if (lifted) {
      builder.withConnectHandler(ResetLimit::lift);
    }
    return builder.build();
  }

  /** A request whose head is sent, then reset by the client: true when that went through. */
  private Future<Boolean> sendAndReset(HttpClient client) {
    return client.request(options("/hang"))
        .compose(request -> request.sendHead().compose(sent -> request.reset(COUNTED_CODE)))
        .transform(done -> Future.succeededFuture(done.succeeded()));
  }

  private RequestOptions options(String path) {
    return new RequestOptions().setHost("127.0.0.1").setPort(port).setMethod(HttpMethod.POST).setURI(path);
  }

  private String answer(HttpClient client) throws Exception {
    // the body is asked for on the event loop that delivers the response, or it may be missed
    return await(client.request(options("/ok")).compose(r -> r.send().compose(HttpClientResponse::body))).toString();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
