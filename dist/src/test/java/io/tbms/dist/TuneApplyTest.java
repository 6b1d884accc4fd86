package io.tbms.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import io.tbms.broker.cluster.ClusterMember;
import io.tbms.broker.config.ClusterConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.broker.testing.Stack;
import io.tbms.client.Answer;
import io.tbms.client.ModelChain;
import io.tbms.client.Policy;
import io.tbms.client.TbmsClient;
import io.tbms.client.TryOptions;
import io.tbms.tuner.apply.BatchingPlan;
import io.tbms.tuner.apply.TritonBatching;
import io.tbms.tuner.profile.BatchStat;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tune apply} end to end, on the demo (model server and broker) without restarting either:
 * the broker's live batch config and the report's tuning log change, and the model server's own
 * batch statistics show the batches it runs from then on.
 */
class TuneApplyTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static Demo demo;
  static String member;
  static String clusterName;

  @BeforeAll
  static void start() throws Exception {
    demo = Demo.start(new Demo.Options(0, new int[] {0, 0, 0}, DemoTraffic.Plan.background(0),
        c -> c.withCluster(Stack.isolatedCluster())), Stack.clinc150(), Stack.models());
    var address = demo.broker.hazelcast().getCluster().getLocalMember().getAddress();
    member = address.getHost() + ":" + address.getPort();
    clusterName = demo.broker.hazelcast().getConfig().getClusterName();
  }

  @AfterAll
  static void stop() throws Exception {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void applySetsTheBrokersBatchSizeAndTheModelServersBatchesLive() throws Exception {
    Map<Integer, Long> before = batchCounts("keyword");
    JsonObject report = report();
    assertThat(report.getJsonObject("batch_config").getJsonObject("keyword").getInteger("batch_size")).isEqualTo(8);

    Run run = run("--model", "keyword", "--batch-size", "4", "--queue-delay-ms", "20", "--json");

    assertThat(run.exit).as(run.err).isZero();
    JsonObject printed = new JsonObject(run.out.trim());
    assertThat(printed.getInteger("previous_batch_size")).isEqualTo(8);
    assertThat(printed.getJsonArray("servers")).singleElement()
        .satisfies(s -> assertThat(((JsonObject) s).getString("error")).isNull());
    JsonObject after = report();
    JsonObject keyword = after.getJsonObject("batch_config").getJsonObject("keyword");
    assertThat(keyword.getInteger("batch_size")).isEqualTo(4);
    assertThat(keyword.getDouble("max_queue_delay_ms")).isEqualTo(20.0);
    JsonObject change = after.getJsonArray("tuning").getJsonObject(0);
    assertThat(change.getString("model")).isEqualTo("keyword");
    assertThat(change.getString("source")).isEqualTo("apply");
    assertThat(change.getInteger("previous_batch_size")).isEqualTo(8);
    assertThat(change.getInteger("batch_size")).isEqualTo(4);

    sendConcurrently("keyword", 48);

    Map<Integer, Long> ran = delta(before, batchCounts("keyword"));
    assertThat(ran).as("batches the model server ran, by size").isNotEmpty();
    assertThat(ran.keySet()).as("no batch above the applied size").allMatch(size -> size <= 4);
    assertThat(ran).containsKey(4);
  }

  @Test
  void aProfileProbedAndStoredInTheClusterServesApplyWithoutAFile() throws Exception {
    List<String> profile = new ArrayList<>(List.of("tune", "profile", "--model", "bayes",
        "--server", "127.0.0.1:" + demo.zoo.grpcPort(), "--probe", "--max-batch-size", "4", "--probe-requests", "3",
        "--est-ms", "15", "--store",
        "--cluster-name", clusterName, "--member", member));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new Tbms()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(profile.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("stored bayes's profile in the cluster");

    Run run = run("--model", "bayes", "--qps", "5", "--json");

    assertThat(run.exit).as(run.err).isZero();
    JsonObject printed = new JsonObject(run.out.trim());
    assertThat(printed.getString("explanation")).startsWith("b=1 on 1 replica");
    assertThat(printed.getJsonArray("servers")).singleElement().satisfies(s -> {
      assertThat(((JsonObject) s).getString("server")).isEqualTo("grpc://127.0.0.1:" + demo.zoo.grpcPort());
      assertThat(((JsonObject) s).getString("error")).isNull();
    });
    assertThat(report().getJsonObject("batch_config").getJsonObject("bayes").getInteger("batch_size")).isEqualTo(1);
  }

  @Test
  void aRestReplicasServerTakesTheOverrideOverHttpAndRefusalsComeBackWithTheirReason() throws Exception {
    ReplicaConfig rest = new ReplicaConfig("127.0.0.1", demo.zoo.httpPort(), Transport.REST, "cpu");
    try (ModelServerLoad load = new ModelServerLoad()) {
      load.load(rest, "keyword", TritonBatching.overrideJson(BatchingPlan.manual("keyword", 4, 20)));

      HttpResponse<String> config = HTTP.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + demo.zoo.httpPort() + "/v2/models/keyword/config")).build(), HttpResponse.BodyHandlers.ofString());
      JsonObject batching = new JsonObject(config.body()).getJsonObject("dynamic_batching",
          new JsonObject(config.body()).getJsonObject("dynamicBatching"));
      assertThat(batching.encode()).contains("4").contains("20000");

      assertThatThrownBy(() -> load.load(rest, "keyword", "{\"dynamic_batching\":{\"preferred_batch_size\":[0]}}"))
          .hasMessageContaining("HTTP 400").hasMessageContaining("preferred_batch_size");
    }
  }

  @Test
  void aManualPlanNeedsABatchSizeOrAProfileAndAKnownModel() throws Exception {
    Run none = run("--model", "keyword", "--qps", "5");
    assertThat(none.exit).isEqualTo(2);
    assertThat(none.err).contains("the cluster has no profile of 'keyword'");

    Run both = run("--model", "keyword", "--batch-size", "2", "--profile", "x.json");
    assertThat(both.exit).isEqualTo(2);
    assertThat(both.err).contains("give either --batch-size or --profile, not both");

    Run zero = run("--model", "keyword", "--batch-size", "0");
    assertThat(zero.exit).isEqualTo(2);
    assertThat(zero.err).contains("--batch-size must be >= 1, was 0");

    Run unknown = run("--model", "nope", "--batch-size", "2");
    assertThat(unknown.exit).isEqualTo(2);
    assertThat(unknown.err).contains("no model 'nope'");
  }

  @Test
  void anUnreachableClusterIsReportedNotHung() {
    Run run = new Run(new String[] {"--cluster-name", "nobody-" + System.nanoTime(), "--member", "127.0.0.1:1",
        "--connect-timeout-ms", "1000", "--model", "keyword", "--batch-size", "2"});
    assertThat(run.exit).isEqualTo(1);
    assertThat(run.err).contains("cannot reach the cluster");
  }

  @Test
  void watchReadsTheObservedQpsAndAppliesTheProfilesChoiceLoggedAsWatch(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("svm.json");
    Files.writeString(profile, "{\"model\": \"svm\", \"est_ms\": 25, \"points\": ["
        + "{\"batch_size\": 1, \"batch_time_ms\": 2.0}, {\"batch_size\": 8, \"batch_time_ms\": 6.0}]}");
    sendConcurrently("svm", 20); // a few queries per second over the report's 30 s: b=1 keeps up

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new TuneWatchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
        "--cluster-name", clusterName, "--member", member, "--report", "http://127.0.0.1:" + demo.broker.port() + "/api/report",
        "--profile", profile.toString(), "--interval-s", "0.2", "--iterations", "2", "--confirm", "1");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("svm: ").contains("applied b=8 -> b=1 on");
    JsonObject report = report();
    assertThat(report.getJsonObject("batch_config").getJsonObject("svm").getInteger("batch_size")).isEqualTo(1);
    JsonObject change = report.getJsonArray("tuning").getJsonObject(0);
    assertThat(change.getString("model")).isEqualTo("svm");
    assertThat(change.getString("source")).isEqualTo("watch");
    assertThat(change.getDouble("qps")).isPositive();
    assertThat(out.toString()).as("the second reading keeps the choice").contains("b=1 fits");
  }

  @Test
  void applyChangesNothingWhileTheClusterHasFewerMembersThanMinMembers() throws Exception {
    int before = report().getJsonObject("batch_config").getJsonObject("bayes").getInteger("batch_size");

    Run alone = run("--model", "bayes", "--batch-size", "2", "--min-members", "2");

    assertThat(alone.exit).as(alone.out + alone.err).isEqualTo(5);
    assertThat(alone.err).contains("the cluster reached has 1 member, fewer than cluster.min_members (2)")
        .contains("nothing was changed");
    assertThat(report().getJsonObject("batch_config").getJsonObject("bayes").getInteger("batch_size")).isEqualTo(before);

    var address = demo.broker.hazelcast().getCluster().getLocalMember().getAddress();
    HazelcastInstance second = ClusterMember.start(
        new ClusterConfig(clusterName, address.getHost(), address.getPort() + 1, List.of(member)));
    try {
      assertThat(demo.broker.hazelcast().getCluster().getMembers()).hasSize(2);

      Run whole = run("--model", "bayes", "--batch-size", "2", "--min-members", "2");

      assertThat(whole.exit).as(whole.out + whole.err).isZero();
      assertThat(report().getJsonObject("batch_config").getJsonObject("bayes").getInteger("batch_size")).isEqualTo(2);
    } finally {
      second.shutdown();
    }
  }

  private static Run run(String... args) {
    List<String> all = new ArrayList<>(List.of("--cluster-name", clusterName, "--member", member));
    all.addAll(List.of(args));
    return new Run(all.toArray(String[]::new));
  }

  /** One run of {@code tune apply} in this JVM, its output captured. */
  static final class Run {
    final int exit;
    final String out;
    final String err;

    Run(String[] args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      this.exit = new CommandLine(new TuneApplyCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
          .execute(args);
      this.out = out.toString();
      this.err = err.toString();
    }
  }

  private static void sendConcurrently(String model, int queries) throws Exception {
    try (TbmsClient client = TbmsClient.builder().endpoint("127.0.0.1:" + demo.broker.port()).accessId("demo")
        .accessKey("demo-secret-key").instance("demo").build()) {
      TryOptions options = new TryOptions(Duration.ofSeconds(2), true, Duration.ofMillis(200), 0, Policy.FIRST, "tuning");
      List<CompletableFuture<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < queries; i++) {
        answers.add(client.tryModels("set an alarm for " + i + " am", ModelChain.of(ModelChain.model(model, 5)), options));
      }
      for (CompletableFuture<Answer> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS).isEmpty()).isFalse();
      }
    }
  }

  private static Map<Integer, Long> batchCounts(String model) throws Exception {
    Map<Integer, Long> counts = new TreeMap<>();
    for (BatchStat stat : BatchStatistics.read("127.0.0.1", demo.zoo.grpcPort(), model)) {
      counts.put(stat.batchSize(), stat.count());
    }
    return counts;
  }

  private static Map<Integer, Long> delta(Map<Integer, Long> before, Map<Integer, Long> after) {
    Map<Integer, Long> delta = new TreeMap<>();
    after.forEach((size, count) -> {
      long ran = count - before.getOrDefault(size, 0L);
      if (ran > 0) {
        delta.put(size, ran);
      }
    });
    return delta;
  }

  private static JsonObject report() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + demo.broker.port() + "/api/report")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new JsonObject(response.body());
  }
}
