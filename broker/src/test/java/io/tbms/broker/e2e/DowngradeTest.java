package io.tbms.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.config.BrokerConfig;
import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.tbms.zoo.batching.DynamicBatchingConfig;
import io.tbms.zoo.device.BatchTimeProfile;
import io.tbms.zoo.repository.InstancePlacement;
import io.tbms.zoo.repository.ModelSpec;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Overload end to end: the embedding model on one slow emulated GPU (T(b) = 150 ms + 20 ms × b,
 * batches of at most 2, so about 11 queries/s) gets bursts of 12 at once, far beyond its
 * capacity, while the CPU models have room. Answers must come from cheaper models, with the
 * embedding entry LATE (no answer by the deadline) or SKIPPED_LAG (its known lag no longer fits),
 * and nothing fired at or after the query's deadline. Budgets are generous because this runs on a
 * small shared machine: it shows the behaviour, bench/ measures the speed (how punctually a busy
 * machine's timer ends a query is not asserted here; QueryRunTest pins the deadline on a manual
 * clock).
 */
class DowngradeTest {

  static final int BUDGET_MS = 300;
  /** The broker's default margin: the deadline is {@code BUDGET_MS - MARGIN_MS} after arrival. */
  static final long MARGIN_MS = BrokerConfig.DEFAULT_MARGIN.toMillis();
  static final String CHAIN = "[{\"name\":\"embedding\",\"est_ms\":150},{\"name\":\"svm\",\"est_ms\":25},"
      + "{\"name\":\"bayes\",\"est_ms\":15},{\"name\":\"keyword\",\"est_ms\":5}]";
  static final String[] TEXTS = {"set an alarm for 7 am", "what is the weather like in boston today",
      "how much money is in my checking account", "play some music", "what is my credit score"};

  static Stack stack;
  static SignedHttp http;

  @BeforeAll
  static void start() throws Exception {
    ZooConfig defaults = ZooConfig.ofDefaults().withPorts(0, 0, 0);
    List<ModelSpec> models = new ArrayList<>();
    for (ModelSpec spec : defaults.models()) {
      models.add(!spec.name().equals("embedding") ? spec : new ModelSpec("embedding", spec.backend(),
          new DynamicBatchingConfig(2, List.of(), Duration.ZERO, 1024),
          List.of(new InstancePlacement("gpu0", new BatchTimeProfile(150, 20)))));
    }
    stack = Stack.start(defaults.withModels(models));
    http = new SignedHttp(stack.broker.port());
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  static List<JsonObject> burst(int queries) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(queries);
    try {
      List<CompletableFuture<JsonObject>> replies = new ArrayList<>();
      for (int i = 0; i < queries; i++) {
        String text = TEXTS[i % TEXTS.length];
        replies.add(CompletableFuture.supplyAsync(() -> {
          try {
            var response = http.post("/v1/try", "{\"task\":\"burst\",\"query\":{\"text\":\"" + text + "\"},\"models\":"
                + CHAIN + ",\"budget_ms\":" + BUDGET_MS + ",\"policy\":\"best\"}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return new JsonObject(response.body());
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        }, pool));
      }
      List<JsonObject> all = new ArrayList<>();
      for (CompletableFuture<JsonObject> reply : replies) {
        all.add(reply.get());
      }
      return all;
    } finally {
      pool.shutdown();
    }
  }

  static String embeddingOutcome(JsonObject answer) {
    JsonArray trace = answer.getJsonArray("trace");
    return trace.getJsonObject(0).getString("outcome");
  }

  @Test
  void overloadDowngradesToCheaperModelsWithinTheBudget() throws Exception {
    for (int i = 0; i < 10; i++) {
      burst(1); // warm-up, one at a time: connections, JIT, first meters
    }
    List<JsonObject> all = new ArrayList<>();
    for (int wave = 0; wave < 4; wave++) {
      all.addAll(burst(12));
    }
    assertThat(all).hasSize(48);
    for (JsonObject answer : all) {
      assertThat(answer.getString("status")).isIn("ANSWERED", "EMPTY");
      assertThat(answer.getJsonArray("trace")).hasSize(4);
      // the broker fires nothing at or after its deadline, t0 + budget - margin
      for (int i = 0; i < 4; i++) {
        JsonObject entry = answer.getJsonArray("trace").getJsonObject(i);
        if (!entry.getString("outcome").equals("NOT_FIRED")) {
          assertThat(entry.getDouble("fired_ms")).as(answer.encode()).isLessThanOrEqualTo(BUDGET_MS - MARGIN_MS);
        }
      }
    }
    List<JsonObject> downgraded = all.stream().filter(a -> a.getBoolean("downgraded")).toList();
    assertThat(downgraded).isNotEmpty();
    assertThat(downgraded).allSatisfy(a -> assertThat(a.getInteger("rank")).isPositive());
    assertThat(downgraded).allSatisfy(a -> assertThat(embeddingOutcome(a)).isIn("LATE", "SKIPPED_LAG", "ERROR"));
    assertThat(all).anySatisfy(a -> assertThat(embeddingOutcome(a)).isIn("LATE", "SKIPPED_LAG"));
    // a skipped model is not called: its backup fired at the same moment, not at its planned 150 ms
    all.stream().filter(a -> embeddingOutcome(a).equals("SKIPPED_LAG")).forEach(a -> {
      JsonObject embedding = a.getJsonArray("trace").getJsonObject(0);
      JsonObject svm = a.getJsonArray("trace").getJsonObject(1);
      assertThat(svm.getDouble("fired_ms")).as(a.encode()).isEqualTo(embedding.getDouble("fired_ms"));
      assertThat(embedding.getValue("done_ms")).isNull();
    });
  }
}
