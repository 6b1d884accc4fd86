package io.tbms.broker.backend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tbms.broker.backend.BackendCall.CancelReason;
import io.tbms.broker.backend.BackendException.Reason;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.common.time.ManualClock;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A REST replica behind its guards, against WireMock playing a faulty KServe v2 server. */
class FaultyRestBackendTest {

  private static final String INFER = "/v2/models/m/infer";
  private static final InferInput ONE = new InferInput.Texts(List.of("what is the weather like"));
  private static final String GOOD = """
      {"model_name":"m","outputs":[
        {"name":"LABEL","datatype":"BYTES","shape":[1,1],"data":["weather"]},
        {"name":"SCORE","datatype":"FP32","shape":[1,1],"data":[0.875]}]}""";

  private final ManualClock clock = new ManualClock();
  private final BackendConfig config = BackendConfig.builder()
      .window(4, 4).failureRateThreshold(50).waitInOpenState(Duration.ofSeconds(5))
      .permittedCallsInHalfOpenState(1).maxConcurrentCallsPerReplica(3).build();
  private final List<BackendCall> inFlight = new ArrayList<>();
  private final Semaphore matched = new Semaphore(0);
  private WireMockServer wireMock;
  private Vertx vertx;
  private GuardedReplica replica;

  @BeforeEach
  void start() {
    ServeEventListener countMatches = new ServeEventListener() {
      @Override
      public void afterMatch(ServeEvent event, Parameters parameters) {
        matched.release();
      }

      @Override
      public boolean applyGlobally() {
        return true;
      }

      @Override
      public String getName() {
        return "count-matches";
      }
    };
    wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(countMatches));
    wireMock.start();
    vertx = Vertx.vertx();
    ReplicaConfig at = new ReplicaConfig("127.0.0.1", wireMock.port(), Transport.REST, "cpu");
    replica = new GuardedReplica("m", ReplicaClient.create(vertx, at, AnswerOutputs.DEFAULT, 8), config, clock);
  }

  @AfterEach
  void stop() throws Exception {
    inFlight.forEach(call -> call.cancel(CancelReason.NOT_NEEDED));
    Await.result(replica.close());
    Await.result(vertx.close());
    wireMock.stop();
  }

  private void answer(ResponseDefinitionBuilder response) {
    wireMock.stubFor(post(urlEqualTo(INFER)).willReturn(response));
  }

  /** Waits until WireMock has matched {@code requests} more requests (and is now delaying them). */
  private void awaitMatched(int requests) throws InterruptedException {
    assertThat(matched.tryAcquire(requests, 30, TimeUnit.SECONDS)).as("requests reached WireMock").isTrue();
  }

  private BackendCall send() {
    BackendCall call = replica.infer("", ONE);
    inFlight.add(call);
    return call;
  }

  @Test
  void sendsTextsAsOneBytesTensorAndReadsTheAnswer() throws Exception {
    wireMock.stubFor(post(urlEqualTo(INFER))
        .withRequestBody(equalToJson("""
            {"inputs":[{"name":"TEXT","shape":[1,1],"datatype":"BYTES","data":["what is the weather like"]}],
             "outputs":[{"name":"LABEL"},{"name":"SCORE"}]}"""))
        .willReturn(aResponse().withStatus(200).withBody(GOOD)));
    assertThat(Await.result(send().result())).containsExactly(new ModelAnswer("weather", 0.875f));
    assertThat(replica.outstanding()).isZero();
  }

  @Test
  void serverErrorsAreBackendErrorsAndOpenTheCircuitWithoutFurtherRequests() throws Exception {
    answer(aResponse().withStatus(500).withBody("{\"error\":\"model exploded\"}"));
    for (int i = 0; i < 4; i++) {
      BackendException failure = Await.failure(send().result());
      assertThat(failure.reason()).isEqualTo(Reason.BACKEND_ERROR);
      assertThat(failure.getMessage()).contains("HTTP 500").contains("model exploded");
    }
    assertThat(replica.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(replica.callPermitted()).isFalse();

    BackendCall refused = send();
    assertThat(refused.result().isComplete()).isTrue();
    assertThat(Await.failure(refused.result()).reason()).isEqualTo(Reason.CIRCUIT_OPEN);
    wireMock.verify(4, postRequestedFor(urlEqualTo(INFER)));
  }

  @Test
  void callsTheServerGaveUpOnAtTheirDeadlineAreExpiredAndKeepTheCircuitClosed() throws Exception {
    answer(aResponse().withStatus(503).withBody("{\"error\":\"Request timeout expired\"}"));
    for (int i = 0; i < 8; i++) {
      BackendException failure = Await.failure(send().result());
      assertThat(failure.reason()).isEqualTo(Reason.EXPIRED);
      assertThat(failure.getMessage()).contains("HTTP 503").contains("Request timeout expired");
    }
    assertThat(replica.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(replica.callPermitted()).isTrue();
  }

  @Test
  void letsAProbeThroughOnceTheOpenWaitHasPassedAndClosesWhenItSucceeds() throws Exception {
    answer(aResponse().withStatus(503).withBody("{\"error\":\"overloaded\"}"));
    for (int i = 0; i < 4; i++) {
      Await.failure(send().result());
    }
    clock.advance(Duration.ofSeconds(4));
    assertThat(replica.callPermitted()).isFalse();
    assertThat(Await.failure(send().result()).reason()).isEqualTo(Reason.CIRCUIT_OPEN);

    clock.advance(Duration.ofSeconds(1));
    assertThat(replica.callPermitted()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(replica.callPermitted()).isTrue();
    answer(aResponse().withStatus(200).withBody(GOOD));
    assertThat(Await.result(send().result())).extracting(ModelAnswer::label).containsExactly("weather");
    assertThat(replica.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void callsCancelledAsLateAgainstAStalledBackendOpenTheCircuit() throws Exception {
    answer(aResponse().withStatus(200).withBody(GOOD).withFixedDelay(10_000));
    List<BackendCall> stalled = List.of(send(), send(), send());
    awaitMatched(3);
    assertThat(stalled).allSatisfy(call -> assertThat(call.result().isComplete()).isFalse());
    clock.advance(Duration.ofMillis(GuardedReplica.STALL_AFTER_MILLIS)); // nothing answered for that long
    for (BackendCall call : stalled) {
      call.cancel(CancelReason.LATE);
      assertThat(Await.failure(call.result()).reason()).isEqualTo(Reason.CANCELLED);
    }
    assertThat(replica.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    BackendCall fourth = send();
    awaitMatched(1);
    fourth.cancel(CancelReason.LATE);

    assertThat(replica.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(replica.outstanding()).isZero();
    assertThat(Await.failure(send().result()).reason()).isEqualTo(Reason.CIRCUIT_OPEN);
  }

  @Test
  void lateCallsOfALoadedBackendThatStillAnswersKeepTheCircuitClosed() throws Exception {
    answer(aResponse().withStatus(200).withBody(GOOD));
    assertThat(Await.result(send().result())).hasSize(1);
    wireMock.resetAll();
    answer(aResponse().withStatus(200).withBody(GOOD).withFixedDelay(10_000));
    for (int round = 0; round < 3; round++) {
      List<BackendCall> slow = List.of(send(), send());
      awaitMatched(2);
      clock.advance(Duration.ofMillis(GuardedReplica.STALL_AFTER_MILLIS / 4));
      slow.forEach(call -> call.cancel(CancelReason.LATE));
    }
    assertThat(replica.state()).as("it answered %d ms ago", 3 * GuardedReplica.STALL_AFTER_MILLIS / 4)
        .isEqualTo(CircuitBreaker.State.CLOSED);

    clock.advance(Duration.ofMillis(GuardedReplica.STALL_AFTER_MILLIS)); // now it has stalled
    for (int i = 0; i < 4; i++) {
      BackendCall late = send();
      awaitMatched(1);
      late.cancel(CancelReason.LATE);
    }
    assertThat(replica.state()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void callsCancelledAsNotNeededDoNotCountAgainstTheReplica() throws Exception {
    answer(aResponse().withStatus(200).withBody(GOOD).withFixedDelay(10_000));
    for (int round = 0; round < 3; round++) {
      List<BackendCall> stalled = List.of(send(), send(), send());
      awaitMatched(3);
      for (BackendCall call : stalled) {
        call.cancel(CancelReason.NOT_NEEDED);
        assertThat(Await.failure(call.result()).reason()).isEqualTo(Reason.CANCELLED);
      }
    }
    assertThat(replica.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(replica.status().failureRatePercent()).isEqualTo(-1f);
    assertThat(replica.outstanding()).isZero();

    wireMock.resetAll();
    answer(aResponse().withStatus(200).withBody(GOOD));
    assertThat(Await.result(send().result())).hasSize(1);
  }

  @Test
  void aBodyThatIsNotTheExpectedJsonIsABadResponse() throws Exception {
    answer(aResponse().withStatus(200).withBody("<html>proxy says hi</html>"));
    assertThat(Await.failure(send().result()).reason()).isEqualTo(Reason.BAD_RESPONSE);

    answer(aResponse().withStatus(200).withBody("""
        {"outputs":[{"name":"SCORE","datatype":"FP32","shape":[1,1],"data":[0.5]}]}"""));
    BackendException missing = Await.failure(send().result());
    assertThat(missing.reason()).isEqualTo(Reason.BAD_RESPONSE);
    assertThat(missing.getMessage()).contains("'LABEL'");

    answer(aResponse().withStatus(200).withBody("""
        {"outputs":[{"name":"LABEL","datatype":"BYTES","shape":[2,1],"data":["a","b"]}]}"""));
    BackendException wrongCount = Await.failure(send().result());
    assertThat(wrongCount.reason()).isEqualTo(Reason.BAD_RESPONSE);
    assertThat(wrongCount.getMessage()).contains("2 elements, expected 1");
  }

  @Test
  void aFullBulkheadRefusesAtOnceAndFreesItsSlotWhenACallEnds() throws Exception {
    answer(aResponse().withStatus(200).withBody(GOOD).withFixedDelay(10_000));
    BackendCall first = send();
    send();
    send();
    awaitMatched(3);
    assertThat(replica.outstanding()).isEqualTo(3);

    BackendCall refused = send();
    assertThat(refused.result().isComplete()).isTrue();
    assertThat(Await.failure(refused.result()).reason()).isEqualTo(Reason.BULKHEAD_FULL);

    first.cancel(CancelReason.NOT_NEEDED);
    BackendCall admitted = send();
    awaitMatched(1);
    assertThat(admitted.result().isComplete()).isFalse();
    assertThat(replica.outstanding()).isEqualTo(3);
    assertThat(replica.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void aReplicaNobodyListensOnFailsWithTransport() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ReplicaConfig gone = new ReplicaConfig("127.0.0.1", port, Transport.REST, "cpu");
    ReplicaClient client = ReplicaClient.create(vertx, gone, AnswerOutputs.DEFAULT, 1);
    BackendException failure = Await.failure(client.infer("m", "", ONE).result());
    assertThat(failure.reason()).isEqualTo(Reason.TRANSPORT);
    assertThat(failure.getMessage()).contains(gone.address());
    Await.result(client.close());
  }
}
