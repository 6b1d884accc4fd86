package io.tbms.client;

import static io.tbms.client.ModelChain.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tbms.broker.admission.AdmissionConfig;
import io.tbms.broker.admission.LimitAlgorithm;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.testing.FaultProxy;
import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.tbms.resources.testing.Eventually;
import io.tbms.zoo.server.ZooConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A broker with a fixed limit of 8 model calls in flight, whose svm replica sits behind a {@link
 * FaultProxy}: eight queries to a stalled svm hold all eight calls, so the next query fails with
 * {@link OverloadedException} carrying the broker's retry pushback, whatever the machine's speed;
 * once the held calls end, the client is served again.
 */
class TbmsClientOverloadTest {

  static final Duration PATIENCE = Duration.ofSeconds(30);
  /** Long enough that nothing but the proxy's reset ends a held query. */
  static final TryOptions HOLD = TryOptions.budget(Duration.ofSeconds(30)).withPriority(9);

  static FaultProxy proxy;
  static Stack stack;
  static TbmsClient client;
  static SignedHttp http;

  @BeforeAll
  static void start() throws Exception {
    stack = Stack.start(ZooConfig.ofDefaults().withPorts(0, 0, 0), config -> {
      List<ModelConfig> models = new ArrayList<>();
      for (ModelConfig model : config.models()) {
        if (model.name().equals("svm")) {
          ReplicaConfig direct = model.replicas().get(0);
          try {
            proxy = new FaultProxy(direct.host(), direct.port());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          model = new ModelConfig(model.name(),
              List.of(new ReplicaConfig("127.0.0.1", proxy.port(), direct.transport(), direct.device())),
              model.labelOutput(), model.scoreOutput(), model.defaultEstimate(), model.batchSize());
        }
        models.add(model);
      }
      return config.withModels(models).withAdmission(
          AdmissionConfig.ofDefaults().withAlgorithm(LimitAlgorithm.FIXED).withLimits(8, 1, 8));
    });
    client = TbmsClient.builder().endpoint("127.0.0.1:" + stack.broker.port())
        .accessId("demo").accessKey("demo-secret-key").instance("demo").build();
    http = new SignedHttp(stack.broker.port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (stack != null) {
      stack.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  /** Model calls in flight on the broker now, from its {@code /metrics}. */
  static double inflight() throws Exception {
    for (String line : http.get("/metrics").body().split("\n")) {
      if (line.startsWith("tbms_broker_admission_inflight ")) {
        return Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
      }
    }
    throw new IllegalStateException("no tbms_broker_admission_inflight on /metrics");
  }

  @Test
  void aQueryPastTheLimitIsOverloadedWithARetryPushbackAndTheClientIsServedOnceTheCallsEnd() throws Exception {
    proxy.mode(FaultProxy.Mode.STALL);
    List<CompletableFuture<Answer>> held = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      held.add(client.tryModels("play some music", ModelChain.of(model("svm", 25)), HOLD));
    }
    Eventually.value(PATIENCE, Eventually.EVERY, TbmsClientOverloadTest::inflight, n -> n == 8);

    ModelChain chain = ModelChain.of(model("embedding", 35), model("svm", 25), model("keyword", 5));
    Throwable refused = catchThrowable(() -> client.tryModelsBlocking("play some music", chain,
        TryOptions.budget(Duration.ofMillis(2000)).withPriority(9)));
    assertThat(refused).isInstanceOfSatisfying(OverloadedException.class, e -> {
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
      assertThat(e.status()).isEqualTo("RESOURCE_EXHAUSTED");
      assertThat(e.getMessage()).contains("overloaded");
    });

    // the stalled connections are reset: the held calls fail and their queries end EMPTY
    proxy.mode(FaultProxy.Mode.RESET);
    for (CompletableFuture<Answer> answer : held) {
      assertThat(answer.join().isEmpty()).as(answer.join().toString()).isTrue();
    }
    proxy.mode(FaultProxy.Mode.PASS);
    Eventually.value(PATIENCE, Eventually.EVERY, TbmsClientOverloadTest::inflight, n -> n == 0);
    // the limit is on calls in flight: once they are over, the caller is served
    assertThat(client.tryModelsBlocking("set an alarm for 7 am", chain, TryOptions.budget(Duration.ofMillis(2000)))
        .label()).isEqualTo("alarm");
  }
}
