package io.tbms.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.tbms.resources.testing.Eventually;
import io.tbms.zoo.data.LabeledText;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as operators see it: the report under background traffic and a burst of overload, a real
 * Prometheus scraping it with the shipped config, and the dashboard in a real browser.
 */
class DemoOpsTest {

  static final Duration PATIENCE = Duration.ofSeconds(90);
  static final HttpClient HTTP = HttpClient.newHttpClient();

  // background 20 queries/s; bursts of 150 queries/s for 3 s every 15 s
  static final DemoTraffic.Plan PLAN = new DemoTraffic.Plan(20, 150, Duration.ofSeconds(15), Duration.ofSeconds(3));
  static final DemoTraffic.Plan NO_TRAFFIC = new DemoTraffic.Plan(0, 0, Duration.ofSeconds(15), Duration.ofSeconds(3));

  static Demo demo;
  static String broker;
  static Vertx trafficVertx;
  static DemoTraffic traffic;
  /** The one query of the bursty task sent on the idle demo, before any traffic. */
  static JsonObject unhurried;

  /**
   * The demo, then one query of the bursty task on it while it is idle, then the demo's traffic.
   * Whether a burst's own queries are ever answered by the chain's first entry depends on how fast
   * the machine is (on a loaded two-core box every one of them may be downgraded), so the rank-0
   * row the report must show beside the downgrades comes from this unhurried query: a budget of
   * 10 s and policy {@code best}, so that nothing but the first entry's answer ends it.
   */
  @BeforeAll
  static void start() throws Exception {
    demo = Demo.start(new Demo.Options(0, new int[] {0, 0, 0}, NO_TRAFFIC, c -> c.withCluster(Stack.isolatedCluster())),
        Stack.clinc150(), Stack.models());
    broker = "http://127.0.0.1:" + demo.broker.port();
    HttpResponse<String> response = new SignedHttp(demo.broker.port()).post("/v1/try", new JsonObject()
        .put("task", DemoTraffic.BURST_TASK).put("query", new JsonObject().put("text", "set an alarm for 7 am"))
        .put("models", DemoTraffic.CHAIN).put("budget_ms", 10_000).put("policy", "best").encode());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    unhurried = new JsonObject(response.body());
    trafficVertx = Vertx.vertx();
    traffic = new DemoTraffic(trafficVertx, Demo.HOST, demo.broker.port(),
        Stack.clinc150().test().stream().map(LabeledText::text).toList(), PLAN);
    traffic.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (traffic != null) {
      traffic.stop();
    }
    if (trafficVertx != null) {
      trafficVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void reportShowsDowngradesOfTheBurstyTaskLagPerModelAndOccupancyPerDevice() throws Exception {
    assertThat(unhurried.getString("status")).as(unhurried.encode()).isEqualTo("ANSWERED");
    assertThat(unhurried.getInteger("rank")).as(unhurried.encode()).isZero();
    // bayes answers only when both models before it are skipped, so the demo may never call it:
    // the report must show lag for every model that answered, and for embedding and svm at least.
    // The bursts bring the downgrades; the unhurried query is the bursty task's rank 0
    JsonObject report = poll(() -> new JsonObject(get(broker + "/api/report")), r -> {
      JsonObject bursty = r.getJsonObject("downgrade").getJsonObject(DemoTraffic.BURST_TASK);
      return bursty != null && bursty.getDouble("downgraded") > 0
          && bursty.getJsonObject("ranks").getDouble("0", 0.0) > 0
          && r.getJsonObject("lag").fieldNames().containsAll(List.of("embedding", "svm"));
    });

    JsonObject bursty = report.getJsonObject("downgrade").getJsonObject(DemoTraffic.BURST_TASK);
    assertThat(bursty.getLong("queries")).isPositive();
    JsonObject ranks = bursty.getJsonObject("ranks");
    assertThat(ranks.fieldNames()).as(bursty.encode()).contains("0").hasSizeGreaterThan(1);
    // shares of the task's queries, each rounded to 1e-4: the ranks and EMPTY make up the whole,
    // and the downgraded share is that of the ranks after the first
    double answered = ranks.fieldNames().stream().mapToDouble(ranks::getDouble).sum();
    double laterRanks = answered - ranks.getDouble("0");
    assertThat(answered + bursty.getDouble("empty")).as(bursty.encode()).isCloseTo(1.0, within(1e-3));
    assertThat(bursty.getDouble("downgraded")).as(bursty.encode()).isCloseTo(laterRanks, within(1e-3));
    assertThat(report.getJsonObject("downgrade").fieldNames()).contains("faq", "support");
    Set<String> answeredBy = new TreeSet<>();
    for (String task : report.getJsonObject("downgrade").fieldNames()) {
      answeredBy.addAll(report.getJsonObject("downgrade").getJsonObject(task).getJsonObject("models").fieldNames());
    }
    assertThat(report.getJsonObject("lag").fieldNames()).containsAll(answeredBy);
    for (String model : report.getJsonObject("lag").fieldNames()) {
      JsonObject lag = report.getJsonObject("lag").getJsonObject(model);
      assertThat(lag.getDouble("avg_ms")).as(model).isPositive();
      assertThat(lag.getJsonArray("series")).as(model).isNotEmpty();
    }
    assertThat(report.getDouble("queries_per_s")).isPositive();

    JsonObject withDevices = poll(() -> new JsonObject(get(broker + "/api/report")), r -> {
      JsonArray devices = r.getJsonObject("occupancy").getJsonArray("devices");
      return devices.size() >= 3 && devices.stream().map(JsonObject.class::cast)
          .filter(d -> d.getString("kind").equals("GPU")).allMatch(d -> d.getDouble("used") > 0);
    });
    JsonArray devices = withDevices.getJsonObject("occupancy").getJsonArray("devices");
    assertThat(devices.stream().map(JsonObject.class::cast).map(d -> d.getString("id")))
        .contains("127.0.0.1/gpu0", "127.0.0.1/gpu1", "127.0.0.1/cpu");
    for (Object o : devices) {
      JsonObject device = (JsonObject) o;
      assertThat(device.getDouble("used") + device.getDouble("free")).as(device.getString("id")).isCloseTo(1.0,
          within(1e-6));
      if (device.getString("kind").equals("GPU")) {
        assertThat(device.getJsonObject("models").getDouble("embedding")).as(device.getString("id")).isPositive();
      }
    }
    String resources = get(broker + "/api/resources");
    assertThat(new JsonObject(resources).getJsonArray("replicas")).isNotEmpty();
  }

  @Test
  void prometheusScrapesTheDemoWithTheShippedConfig(@TempDir Path dir) throws Exception {
    String shipped = Files.readString(Path.of("..", "docs", "ops", "prometheus.yml"));
    assertThat(shipped).contains("127.0.0.1:8080").contains("127.0.0.1:8002");
    String config = shipped
        .replace("127.0.0.1:8080", "127.0.0.1:" + demo.broker.port())
        .replace("127.0.0.1:8002", "127.0.0.1:" + demo.zoo.metricsPort())
        .replaceAll("scrape_interval: *\\d+s", "scrape_interval: 1s");
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, config);
    int port = freePort();
    Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + file,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    try {
      String api = "http://127.0.0.1:" + port + "/api/v1/query?query=";
      for (String series : new String[] {"tbms_broker_answers_total", "tbms_broker_model_lag_seconds_count",
          "tbms_broker_circuit_open", "tbms_resources_device_used_ratio", "tbms_resources_model_share_ratio",
          "nv_gpu_utilization", "nv_cpu_utilization", "nv_inference_exec_count"}) {
        JsonObject answer = poll(() -> new JsonObject(get(api + URLEncoder.encode(series, StandardCharsets.UTF_8))),
            a -> !a.getJsonObject("data").getJsonArray("result").isEmpty());
        JsonArray result = answer.getJsonObject("data").getJsonArray("result");
        assertThat(result).as(series).isNotEmpty();
      }
    } finally {
      prometheus.destroy();
      prometheus.waitFor();
    }
  }

  @Test
  void dashboardShowsLiveDowngradesLagAndOccupancyInABrowser() throws Exception {
    // the page draws what the report holds: wait until the report has all three views
    poll(() -> new JsonObject(get(broker + "/api/report")), r -> !r.getJsonObject("downgrade").isEmpty()
        && r.getJsonObject("lag").containsKey("embedding")
        && r.getJsonObject("occupancy").getJsonArray("devices").size() >= 3);
    try (HeadlessChromium browser = HeadlessChromium.start()) {
      browser.open(broker + "/dashboard");
      browser.waitForText("#status", "live", PATIENCE);
      browser.waitFor(PATIENCE, "downgrade rows, lag lines and device bars",
          "return document.querySelectorAll('#downgrade tbody tr[data-task]').length > 0"
              + " && document.querySelector('#lag svg path[data-model=\"embedding\"]') !== null"
              + " && document.querySelectorAll('#occupancy [data-device]').length >= 3;");

      String faqQueries = browser.text("#downgrade tbody tr[data-task=\"faq\"] [data-field=\"queries\"]");
      assertThat(Long.parseLong(faqQueries)).isPositive();
      assertThat(browser.text("#downgrade tbody tr[data-task=\"faq\"] [data-field=\"downgraded\"]")).matches("\\d+\\.\\d%");
      assertThat(browser.text("#lag [data-model=\"embedding\"] [data-field=\"p99\"]")).matches("\\d+\\.\\d ms");
      assertThat(millis(browser.text("#lag [data-model=\"embedding\"] [data-field=\"avg\"]"))).isPositive();
      for (String device : new String[] {"gpu0", "gpu1", "cpu"}) {
        String used = browser.text("#occupancy [data-device=\"127.0.0.1/" + device + "\"] [data-field=\"used\"]");
        assertThat(used).as(device).matches("\\d+\\.\\d%");
      }
      assertThat(browser.count("#occupancy [data-device=\"127.0.0.1/gpu0\"] [data-model=\"embedding\"]")).isEqualTo(1);
      Path png = Path.of(System.getProperty("tbms.screenshot", "target/dashboard.png"));
      browser.screenshot(png);
      assertThat(Files.size(png)).isPositive();
    }
  }

  private static double millis(String text) {
    return Double.parseDouble(text.replace(" ms", ""));
  }

  /** Fetches until {@code done} holds, or fails after {@link #PATIENCE} with the last value seen. */
  static <T> T poll(Eventually.Fetch<T> fetch, Predicate<T> done) throws Exception {
    return Eventually.value(PATIENCE, Duration.ofMillis(500), fetch, done);
  }

  static String get(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  static int freePort() throws Exception {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
