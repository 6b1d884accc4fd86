package io.tbms.broker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tbms.broker.admission.Admission;
import io.tbms.broker.admission.AdmissionConfig;
import io.tbms.broker.admission.LimitAlgorithm;
import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.ClassScore;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.backend.ModelBackend;
import io.tbms.broker.config.BrokerConfig;
import io.tbms.broker.downgrade.DowngradePolicy;
import io.tbms.broker.lag.LocalLagStats;
import io.tbms.broker.mix.Combine;
import io.tbms.broker.query.Policy;
import io.tbms.common.time.ManualClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Only the members of an {@code avg} group ask their models for class scores (directly or through
 * cross-request batching); plain entries and {@code max} groups keep their calls as they were.
 */
class QueryEngineClassScoresTest {

  /** Each model's answer when asked for class scores; without, only its top-1. */
  private static final Map<String, ModelAnswer> ANSWERS = Map.of(
      "embedding", new ModelAnswer("balance", 0.5f,
          List.of(new ClassScore("balance", 0.5f), new ClassScore("transfer", 0.4f))),
      "svm", new ModelAnswer("bill_due", 0.55f,
          List.of(new ClassScore("bill_due", 0.55f), new ClassScore("transfer", 0.45f))));

  private record Asked(String model, boolean classScores) {}

  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock();
  private final List<Asked> asked = new CopyOnWriteArrayList<>();
  private final ModelBackend backend = new ModelBackend() {
    @Override
    public BackendCall infer(String model, String version, InferInput input) {
      asked.add(new Asked(model, input.classScores()));
      return answered(model, input.classScores());
    }

    @Override
    public boolean circuitOpen(String model) {
      return false;
    }
  };
  private final CrossBatching batching = (model, version, text, waitUntil, classScores, urgency) -> {
    asked.add(new Asked(model + " (batched)", classScores));
    return answered(model, classScores);
  };
  private final QueryEngine engine = new QueryEngine(vertx, clock, Duration.ofMillis(1), backend, batching,
      new LocalLagStats(Duration.ofSeconds(2), 0.95), new DowngradePolicy(BrokerConfig.DEFAULT_LAG_MIN_CHANCE),
      new Admission(new AdmissionConfig(LimitAlgorithm.FIXED, 100, 1, 100, 0.55), clock), QueryObserver.all());

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static BackendCall answered(String model, boolean classScores) {
    ModelAnswer full = ANSWERS.get(model);
    ModelAnswer answer = classScores ? full : new ModelAnswer(full.label(), full.score());
    return new BackendCall() {
      @Override
      public Future<List<ModelAnswer>> result() {
        return Future.succeededFuture(List.of(answer));
      }

      @Override
      public void cancel(CancelReason why) {}
    };
  }

  private static ChainStep group(Combine combine) {
    return new ChainStep("mix", Duration.ofMillis(30),
        List.of(new ChainStep.Member("embedding", ""), new ChainStep.Member("svm", "")), combine);
  }

  private QueryAnswer run(ChainStep step, boolean crossRequest) throws Exception {
    AcceptedQuery query = new AcceptedQuery("demo", "faq", new InferInput.Texts(List.of("pay my bill")),
        List.of(step), Duration.ofMillis(200), Policy.FIRST, 5, false, crossRequest, Duration.ZERO, clock.nanoTime());
    return engine.run(query, null).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void avgMembersAskForClassScoresAndTheGroupAnswersTheBestAveragedClass() throws Exception {
    QueryAnswer answer = run(group(Combine.AVG), false);

    assertThat(asked).containsExactlyInAnyOrder(new Asked("embedding", true), new Asked("svm", true));
    // transfer: (0.4 + 0.45) / 2 = 0.425 beats bill_due 0.275 and balance 0.25
    ModelAnswer combined = answer.result().answer().orElseThrow();
    assertThat(combined.label()).isEqualTo("transfer");
    assertThat(combined.score()).isCloseTo(0.425f, within(1e-6f));
  }

  @Test
  void maxGroupsAndPlainEntriesDoNotAsk() throws Exception {
    run(group(Combine.MAX), false);
    run(ChainStep.single("svm", "", Duration.ofMillis(30)), false);

    assertThat(asked).containsExactlyInAnyOrder(
        new Asked("embedding", false), new Asked("svm", false), new Asked("svm", false));
  }

  @Test
  void crossRequestAvgMembersAskThroughTheirBatch() throws Exception {
    run(group(Combine.AVG), true);
    run(group(Combine.MAX), true);

    assertThat(asked).containsExactlyInAnyOrder(
        new Asked("embedding (batched)", true), new Asked("svm (batched)", true),
        new Asked("embedding (batched)", false), new Asked("svm (batched)", false));
  }
}
