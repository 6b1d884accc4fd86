package io.tbms.client;

import static io.tbms.client.ModelChain.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tbms.common.auth.RequestSignature;
import io.tbms.common.time.ManualClock;
import io.tbms.protocol.broker.v1.TryRequest;
import io.tbms.protocol.broker.v1.TryResponse;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client's side of the wire against servers that misbehave on purpose: a closed port, a
 * server that never answers, canned answers and refusals. Deadline tests check that the client's
 * own deadline ended the call (its message, the {@code grpc-timeout} sent, never before the
 * budget), not how punctually a shared machine ran its timer.
 */
class TbmsClientTransportTest {

  static final ModelChain CHAIN = ModelChain.of(model("svm", 25), model("keyword", 5));
  static final Duration MARGIN = Duration.ofMillis(100);

  static TbmsClient.Builder client(int port) {
    return TbmsClient.builder().endpoint("127.0.0.1:" + port).accessId("demo").accessKey("demo-secret-key")
        .instance("demo").timeoutMargin(MARGIN);
  }

  static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aClosedPortIsUnavailable() throws Exception {
    try (TbmsClient client = client(closedPort()).build()) {
      Throwable thrown = catchThrowable(() -> client.tryModelsBlocking("hi", CHAIN, TryOptions.budget(Duration.ofSeconds(2))));
      assertThat(thrown).isInstanceOf(UnavailableException.class);
      assertThat(((UnavailableException) thrown).status()).isEqualTo(UnavailableException.CONNECT_FAILED);
    }
  }

  @Test
  void aStalledServerFailsTheCallAtBudgetPlusMarginAndTheCallIsCancelledOnTheWire() throws Exception {
    byte[] empty = TryResponse.newBuilder().setStatus(TryResponse.Status.STATUS_EMPTY).build().toByteArray();
    try (FakeBroker stalled = new FakeBroker((call, request) -> {
          if (text(call).equals("warm up")) {
            FakeBroker.ok(request, empty);
          }
        });
        TbmsClient client = client(stalled.port()).build()) {
      // one answered call first: a cold JVM can spend the whole deadline loading classes before it sends
      assertThat(client.tryModelsBlocking("warm up", CHAIN, TryOptions.budget(Duration.ofSeconds(10))).isEmpty()).isTrue();
      assertThat(stalled.calls.poll(5, TimeUnit.SECONDS)).isNotNull();

      long budgetMs = 300;
      long start = System.nanoTime();
      CompletableFuture<Answer> answer = client.tryModels("set an alarm", CHAIN, TryOptions.budget(Duration.ofMillis(budgetMs)));
      Throwable failure = answer.handle((a, e) -> e).get(10, TimeUnit.SECONDS);
      long tookMs = (System.nanoTime() - start) / 1_000_000;

      assertThat(failure).isInstanceOf(UnavailableException.class)
          .hasMessage("deadline exceeded after " + (budgetMs + MARGIN.toMillis()) + " ms");
      assertThat(((UnavailableException) failure).status()).isEqualTo(UnavailableException.DEADLINE_EXCEEDED);
      assertThat(tookMs).isGreaterThanOrEqualTo(budgetMs); // and ended at all: the server never answers
      FakeBroker.Call call = stalled.calls.poll(5, TimeUnit.SECONDS);
      assertThat(call).isNotNull();
      // grpc-timeout carries budget + margin, less what passed before the call could be sent
      assertThat(grpcTimeoutMillis(call.headers().get("grpc-timeout"))).isPositive().isLessThanOrEqualTo(budgetMs + MARGIN.toMillis());
      assertThat(stalled.resets.poll(5, TimeUnit.SECONDS)).as("stream reset by the client").isNotNull();
    }
  }

  /** The query text of a received {@code Try}, or "" when it is not one. */
  static String text(FakeBroker.Call call) {
    try {
      return TryRequest.parseFrom(call.message()).getQuery().getText();
    } catch (InvalidProtocolBufferException e) {
      return "";
    }
  }

  /** A {@code grpc-timeout} value (digits and a unit: H, M, S, m, u, n) in milliseconds. */
  static double grpcTimeoutMillis(String value) {
    assertThat(value).matches("\\d{1,8}[HMSmun]");
    double amount = Double.parseDouble(value.substring(0, value.length() - 1));
    return switch (value.charAt(value.length() - 1)) {
      case 'H' -> amount * 3_600_000;
      case 'M' -> amount * 60_000;
      case 'S' -> amount * 1000;
      case 'm' -> amount;
      case 'u' -> amount / 1000;
      default -> amount / 1_000_000;
    };
  }

  @Test
  void aStalledServerFailsTheBlockingCallUnwrapped() throws Exception {
    try (FakeBroker stalled = new FakeBroker((call, request) -> { });
        TbmsClient client = client(stalled.port()).build()) {
      assertThatThrownBy(() -> client.tryModelsBlocking("set an alarm", CHAIN, TryOptions.budget(Duration.ofMillis(100))))
          .isExactlyInstanceOf(UnavailableException.class).hasMessageContaining("deadline exceeded");
    }
  }

  @Test
  void signsTheExactBytesSentWithTheInjectedClocksTime() throws Exception {
    TryResponse canned = TryResponse.newBuilder().setStatus(TryResponse.Status.STATUS_EMPTY).setElapsedMs(3).build();
    ManualClock clock = new ManualClock();
    try (FakeBroker broker = new FakeBroker((call, request) -> FakeBroker.ok(request, canned.toByteArray()));
        TbmsClient client = client(broker.port()).clock(clock).build()) {
      TryOptions options = TryOptions.budget(Duration.ofMillis(40)).withTask("faq").withPolicy(Policy.BEST).withPriority(4);
      Answer answer = client.tryModelsBlocking("set an alarm for 7 am", CHAIN, options);
      assertThat(answer.isEmpty()).isTrue();
      assertThat(answer.elapsedMs()).isEqualTo(3);

      FakeBroker.Call call = broker.calls.poll(5, TimeUnit.SECONDS);
      assertThat(call.path()).isEqualTo("/tbms.v1.TimeBroker/Try");
      assertThat(call.headers().get("x-tbms-access-id")).isEqualTo("demo");
      assertThat(call.headers().get("x-tbms-instance")).isEqualTo("demo");
      assertThat(call.headers().get("x-tbms-timestamp")).isEqualTo(Long.toString(ManualClock.DEFAULT_WALL_MILLIS));
      assertThat(call.headers().get("x-tbms-signature")).isEqualTo(RequestSignature.sign("demo-secret-key", "POST",
          "/tbms.v1.TimeBroker/Try", ManualClock.DEFAULT_WALL_MILLIS, call.message()));
      TryRequest sent = TryRequest.parseFrom(call.message());
      assertThat(sent.getQuery().getText()).isEqualTo("set an alarm for 7 am");
      assertThat(sent.getBudgetMs()).isEqualTo(40);
      assertThat(sent.getTask()).isEqualTo("faq");
      assertThat(sent.getPriority()).isEqualTo(4);
      assertThat(sent.getPolicy()).isEqualTo(io.tbms.protocol.broker.v1.Policy.POLICY_BEST);
      assertThat(sent.getCrossRequest()).isTrue();
      assertThat(sent.getCrossLagMs()).isEqualTo(10);
      assertThat(sent.getModelsList()).extracting(m -> m.getName() + ":" + m.getEstMs())
          .containsExactly("svm:25.0", "keyword:5.0");
    }
  }

  @Test
  void tellsAnOverloadFromAnOversizedMessageByThePushbackInATrailersOnlyResponse() throws Exception {
    try (FakeBroker broker = new FakeBroker((call, request) -> {
          if (text(call).equals("busy")) {
            FakeBroker.refuse(request, 8, "overloaded: try later", "grpc-retry-pushback-ms", "1500");
          } else {
            FakeBroker.refuse(request, 8, "message too large");
          }
        });
        TbmsClient client = client(broker.port()).build()) {
      TryOptions options = TryOptions.budget(Duration.ofSeconds(2));
      assertThat(catchThrowable(() -> client.tryModelsBlocking("busy", CHAIN, options)))
          .isInstanceOfSatisfying(OverloadedException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500));
            assertThat(e.getMessage()).isEqualTo("overloaded: try later");
          });
      assertThat(catchThrowable(() -> client.tryModelsBlocking("big", CHAIN, options)))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.tooLarge()).isTrue());
    }
  }

  @Test
  void closingFailsTheCallsInFlightAndLeavesAGivenVertxRunning() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (FakeBroker stalled = new FakeBroker((call, request) -> { })) {
      TbmsClient client = client(stalled.port()).vertx(vertx).build();
      CompletableFuture<Answer> inFlight = client.tryModels("hi", CHAIN, TryOptions.budget(Duration.ofSeconds(30)));
      assertThat(stalled.calls.poll(5, TimeUnit.SECONDS)).isNotNull();
      client.close();
      assertThat(inFlight.handle((a, e) -> e).get(5, TimeUnit.SECONDS))
          .isInstanceOfSatisfying(UnavailableException.class,
              e -> assertThat(e.status()).isEqualTo(UnavailableException.CLIENT_CLOSED));
      assertThat(catchThrowable(() -> client.tryModelsBlocking("hi", CHAIN, TryOptions.budget(Duration.ofSeconds(1)))))
          .isInstanceOfSatisfying(UnavailableException.class,
              e -> assertThat(e.status()).isEqualTo(UnavailableException.CLIENT_CLOSED));
      // the given Vert.x still runs
      assertThat(vertx.timer(1).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).isNull();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void cancellingTheFutureCancelsTheCallOnTheWire() throws Exception {
    try (FakeBroker stalled = new FakeBroker((call, request) -> { });
        TbmsClient client = client(stalled.port()).build()) {
      CompletableFuture<Answer> answer = client.tryModels("hi", CHAIN, TryOptions.budget(Duration.ofSeconds(30)));
      assertThat(stalled.calls.poll(5, TimeUnit.SECONDS)).isNotNull();
      answer.cancel(true);
      assertThat(stalled.resets.poll(5, TimeUnit.SECONDS)).as("stream reset by the client").isNotNull();
    }
  }

  @Test
  void blockingCallsAreRefusedOnAnEventLoop() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (TbmsClient client = client(closedPort()).vertx(vertx).build()) {
      CompletableFuture<Throwable> thrown = new CompletableFuture<>();
      vertx.runOnContext(v -> thrown.complete(
          catchThrowable(() -> client.tryModelsBlocking("hi", CHAIN, TryOptions.budget(Duration.ofSeconds(1))))));
      assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
