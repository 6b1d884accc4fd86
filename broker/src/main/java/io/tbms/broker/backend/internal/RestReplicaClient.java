package io.tbms.broker.backend.internal;

import io.tbms.broker.backend.AnswerOutputs;
import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ReplicaClient;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.common.time.Clock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Objects;

/**
 * KServe v2 {@code ModelInfer} over HTTP/1.1 ({@code POST /v2/models/{name}[/versions/{v}]/infer},
 * JSON), on a keep-alive pool of at most {@code maxConnections}. A cancel resets the request: a
 * sent one closes its connection, so the server sees the client go away. A call's deadline and
 * priority ({@link InferInput#urgency()}) go in the body's {@code parameters}, the time left
 * reckoned when the request has its connection and goes out.
 */
public final class RestReplicaClient implements ReplicaClient {

  private final ReplicaConfig replica;
  private final AnswerOutputs outputs;
  private final HttpClientAgent http;
  private final Clock clock;

  /** @param clock the clock of the calls' deadlines */
  public RestReplicaClient(Vertx vertx, ReplicaConfig replica, AnswerOutputs outputs, int maxConnections, Clock clock) {
    this.replica = Objects.requireNonNull(replica, "replica");
    this.outputs = Objects.requireNonNull(outputs, "outputs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost(replica.host()).setDefaultPort(replica.port()).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(maxConnections));
  }

  @Override
  public BackendCall infer(String model, String version, InferInput input) {
    PendingCall call = new PendingCall();
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setURI(RestInferCodec.path(model, version))
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    http.request(options).onComplete(opened -> {
      if (opened.failed()) {
        call.fail(Failures.of(replica, opened.cause()));
      } else {
        send(call, opened.result(), input);
      }
    });
    return call;
  }

  private void send(PendingCall call, HttpClientRequest request, InferInput input) {
    // failures, the reset of a cancelled call included, reach the call through send's future
    request.exceptionHandler(ignored -> {});
    if (!call.attach(request::reset)) {
      return;
    }
    Buffer body;
    try {
      body = RestInferCodec.request(input, outputs, clock.nanoTime()); // the time left as it goes out
    } catch (RuntimeException e) { // a request that cannot be encoded: nothing was sent
      call.fail(Failures.of(replica, e));
      request.reset();
      return;
    }
    int expected = input.size();
    request.send(body)
        .compose(response -> response.body().map(bytes -> new Reply(response.statusCode(), bytes)))
        .onComplete(replied -> {
          if (replied.failed()) {
            call.fail(Failures.of(replica, replied.cause()));
            return;
          }
          Reply reply = replied.result();
          if (reply.status() / 100 != 2) {
            String error = RestInferCodec.errorMessage(reply.body());
            String what = "HTTP " + reply.status() + ": " + error;
            call.fail(reply.status() == 503 && Failures.TIMEOUT_EXPIRED.equals(error)
                ? Failures.expired(replica, what) : Failures.backendError(replica, what));
            return;
          }
          try {
            call.complete(RestInferCodec.answers(reply.body(), outputs, expected));
          } catch (RuntimeException e) {
            call.fail(Failures.of(replica, e));
          }
        });
  }

  private record Reply(int status, Buffer body) {}

  @Override
  public ReplicaConfig replica() {
    return replica;
  }

  @Override
  public Future<Void> close() {
    return http.close();
  }
}
