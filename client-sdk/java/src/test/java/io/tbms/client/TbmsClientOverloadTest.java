package io.tbms.client;

import static io.tbms.client.ModelChain.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.admission.AdmissionConfig;
import io.tbms.broker.admission.LimitAlgorithm;
import io.tbms.broker.testing.Stack;
import io.tbms.zoo.server.ZooConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A broker with a fixed limit of 8 model calls in flight refuses part of a burst of 30
 * concurrent queries: those calls fail with {@link OverloadedException} carrying the broker's
 * retry pushback, the rest are answered.
 */
class TbmsClientOverloadTest {

  static Stack stack;
  static TbmsClient client;

  @BeforeAll
  static void start() throws Exception {
    stack = Stack.start(ZooConfig.ofDefaults().withPorts(0, 0, 0), config -> config.withAdmission(
        AdmissionConfig.ofDefaults().withAlgorithm(LimitAlgorithm.FIXED).withLimits(8, 1, 8)));
    client = TbmsClient.builder().endpoint("127.0.0.1:" + stack.broker.port())
        .accessId("demo").accessKey("demo-secret-key").instance("demo").build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aBurstPastTheLimitIsPartlyOverloadedWithARetryPushback() throws Exception {
    ModelChain chain = ModelChain.of(model("embedding", 35), model("svm", 25), model("keyword", 5));
    TryOptions options = TryOptions.budget(Duration.ofMillis(2000)).withPriority(9);
    List<CompletableFuture<Object>> burst = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      burst.add(client.tryModels("play some music", chain, options).handle((a, e) -> a != null ? a : e));
    }
    List<Object> outcomes = burst.stream().map(CompletableFuture::join).toList();
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOfAny(Answer.class, OverloadedException.class));
    List<OverloadedException> overloaded = outcomes.stream()
        .filter(OverloadedException.class::isInstance).map(OverloadedException.class::cast).toList();
    assertThat(overloaded).isNotEmpty().allSatisfy(e -> {
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
      assertThat(e.status()).isEqualTo("RESOURCE_EXHAUSTED");
      assertThat(e.getMessage()).contains("overloaded");
    });
    // the admitted queries run; under shedding one may end EMPTY when even its cheapest call finds no room
    List<Answer> admitted = outcomes.stream().filter(Answer.class::isInstance).map(Answer.class::cast).toList();
    assertThat(admitted).as(outcomes.toString()).anySatisfy(a -> assertThat(a.status()).isEqualTo(Status.ANSWERED));
    // the limit is on calls in flight: once the burst is over, the caller is served at once
    assertThat(client.tryModelsBlocking("set an alarm for 7 am", chain, options).label()).isEqualTo("alarm");
  }
}
