package io.tbms.broker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.common.time.ManualClock;
import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcService;
import io.tbms.protocol.kserve.InferParameter;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a call tells the model server of its deadline and priority, read by tiny in-test servers
 * that record the request. The clients' clock is a manual one, so the time left is exact.
 */
class DeadlineOnTheWireTest {

  private static final long MS = 1_000_000L;
  private static final InferInput TEXT = new InferInput.Texts(List.of("set a timer"));
  /** The query's deadline 40 ms after now, its priority 2 (Triton's level 3). */
  private static final Urgency URGENT = new Urgency(40 * MS, 2);

  private record Seen(MultiMap headers, ModelInferRequest message) {}

  private final ManualClock clock = new ManualClock();
  private Vertx vertx;
  private final Promise<Seen> grpcSeen = Promise.promise();
  private final Promise<JsonObject> restSeen = Promise.promise();
  private HttpServer grpcServer;
  private HttpServer restServer;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    GrpcServer grpc = GrpcServer.server(vertx).callHandler(GRPCInferenceServiceGrpcService.ModelInfer, request ->
        request.handler(message -> {
          grpcSeen.tryComplete(new Seen(request.headers(), message));
          request.response().status(GrpcStatus.UNAVAILABLE).end();
        }));
    grpcServer = Await.result(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(grpc).listen());
    restServer = Await.result(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(request -> request.body().onSuccess(body -> {
          restSeen.tryComplete(body.toJsonObject());
          request.response().setStatusCode(503).end("{\"error\":\"busy\"}");
        })).listen());
  }

  @AfterEach
  void stop() throws Exception {
    Await.result(vertx.close());
  }

  private ReplicaClient client(Transport transport, int port) {
    return ReplicaClient.create(vertx, new ReplicaConfig("127.0.0.1", port, transport, "cpu"), AnswerOutputs.DEFAULT, 1,
        clock);
  }

  /** A {@code grpc-timeout} value in microseconds. */
  private static long micros(String header) {
    Matcher m = Pattern.compile("(\\d{1,8})([HMSmun])").matcher(header);
    assertThat(m.matches()).as(header).isTrue();
    long value = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "H" -> TimeUnit.HOURS.toMicros(value);
      case "M" -> TimeUnit.MINUTES.toMicros(value);
      case "S" -> TimeUnit.SECONDS.toMicros(value);
      case "m" -> TimeUnit.MILLISECONDS.toMicros(value);
      case "u" -> value;
      default -> TimeUnit.NANOSECONDS.toMicros(value);
    };
  }

  @Test
  void aGrpcCallSendsTheTimeLeftAsItsGrpcTimeoutAndItsTimeoutAndPriorityParameters() throws Exception {
    clock.advanceMillis(15);
    ReplicaClient client = client(Transport.GRPC, grpcServer.actualPort());
    Await.failure(client.infer("svm", "", TEXT.withUrgency(URGENT)).result());

    Seen seen = Await.result(grpcSeen.future());
    assertThat(micros(seen.headers().get("grpc-timeout"))).isEqualTo(25_000);
    assertThat(seen.message().getParametersMap()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        "timeout", InferParameter.newBuilder().setInt64Param(25_000).build(),
        "priority", InferParameter.newBuilder().setInt64Param(3).build()));
    Await.result(client.close());
  }

  @Test
  void aGrpcCallWithoutADeadlineOrPrioritySendsNeither() throws Exception {
    ReplicaClient client = client(Transport.GRPC, grpcServer.actualPort());
    Await.failure(client.infer("svm", "", TEXT).result());

    Seen seen = Await.result(grpcSeen.future());
    assertThat(seen.headers().get("grpc-timeout")).isNull();
    assertThat(seen.message().getParametersMap()).isEmpty();
    Await.result(client.close());
  }

  @Test
  void aRestCallSendsTheTimeLeftAndThePriorityAsRequestParameters() throws Exception {
    clock.advanceMillis(15);
    ReplicaClient client = client(Transport.REST, restServer.actualPort());
    Await.failure(client.infer("svm", "", TEXT.withUrgency(URGENT)).result());

    JsonObject body = Await.result(restSeen.future());
    assertThat(body.getJsonObject("parameters")).isEqualTo(new JsonObject().put("timeout", 25_000).put("priority", 3));
    Await.result(client.close());
  }

  @Test
  void aRestCallWithoutADeadlineOrPriorityHasNoParameters() throws Exception {
    ReplicaClient client = client(Transport.REST, restServer.actualPort());
    Await.failure(client.infer("svm", "", TEXT).result());

    assertThat(Await.result(restSeen.future()).containsKey("parameters")).isFalse();
    Await.result(client.close());
  }
}
