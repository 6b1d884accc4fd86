package io.tbms.broker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.admission.Admission;
import io.tbms.broker.admission.AdmissionConfig;
import io.tbms.broker.admission.LimitAlgorithm;
import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.backend.ModelBackend;
import io.tbms.broker.backend.Urgency;
import io.tbms.broker.config.BrokerConfig;
import io.tbms.broker.downgrade.DowngradePolicy;
import io.tbms.broker.lag.LocalLagStats;
import io.tbms.broker.query.Policy;
import io.tbms.common.time.ManualClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every model call carries its query's deadline and priority, directly or through its batch. */
class QueryEngineUrgencyTest {

  private static final long MS = 1_000_000L;

  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock();
  private final List<Urgency> sent = new CopyOnWriteArrayList<>();
  private final ModelBackend backend = new ModelBackend() {
    @Override
    public BackendCall infer(String model, String version, InferInput input) {
      sent.add(input.urgency());
      return answered();
    }

    @Override
    public boolean circuitOpen(String model) {
      return false;
    }
  };
  private final CrossBatching batching = (model, version, text, waitUntil, classScores, urgency) -> {
    sent.add(urgency);
    return answered();
  };
  private final QueryEngine engine = new QueryEngine(vertx, clock, Duration.ofMillis(1), backend, batching,
      new LocalLagStats(Duration.ofSeconds(2), 0.95), new DowngradePolicy(BrokerConfig.DEFAULT_LAG_MIN_CHANCE),
      new Admission(new AdmissionConfig(LimitAlgorithm.FIXED, 100, 1, 100, 0.55), clock), QueryObserver.all());

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static BackendCall answered() {
    return new BackendCall() {
      @Override
      public Future<List<ModelAnswer>> result() {
        return Future.succeededFuture(List.of(new ModelAnswer("bill_due", 0.9f)));
      }

      @Override
      public void cancel(CancelReason why) {}
    };
  }

  private void run(int priority, boolean crossRequest) throws Exception {
    AcceptedQuery query = new AcceptedQuery("demo", "faq", new InferInput.Texts(List.of("pay my bill")),
        List.of(ChainStep.single("svm", "", Duration.ofMillis(30))), Duration.ofMillis(200), Policy.FIRST, priority,
        false, crossRequest, Duration.ZERO, clock.nanoTime());
    engine.run(query, null).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aCallCarriesTheQueryDeadlineLessTheMarginAndItsPriority() throws Exception {
    clock.advanceMillis(7);
    run(3, false);
    run(0, true);

    // t0 7 ms + budget 200 ms − margin 1 ms
    assertThat(sent).containsExactly(new Urgency(206 * MS, 3), new Urgency(206 * MS, 0));
  }
}
