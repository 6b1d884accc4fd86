package io.tbms.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.testing.Stack;
import io.tbms.resources.testing.Eventually;
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

  static Demo demo;
  static String broker;

  @BeforeAll
  static void start() throws Exception {
    // background 20 queries/s; bursts of 150 queries/s for 3 s every 15 s
    DemoTraffic.Plan plan = new DemoTraffic.Plan(20, 150, Duration.ofSeconds(15), Duration.ofSeconds(3));
    demo = Demo.start(new Demo.Options(0, new int[] {0, 0, 0}, plan, c -> c.withCluster(Stack.isolatedCluster())),
        Stack.clinc150(), Stack.models());
    broker = "http://127.0.0.1:" + demo.broker.port();
  }

  @AfterAll
  static void stop() throws Exception {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void reportShowsDowngradesOfTheBurstyTaskLagPerModelAndOccupancyPerDevice() throws Exception {
    // bayes answers only when both models before it are skipped, so the demo may never call it:
    // the report must show lag for every model that answered, and for embedding and svm at least
    JsonObject report = poll(() -> new JsonObject(get(broker + "/api/report")), r -> {
      JsonObject bursty = r.getJsonObject("downgrade").getJsonObject(DemoTraffic.BURST_TASK);
      return bursty != null && bursty.getDouble("downgraded") > 0
          && r.getJsonObject("lag").fieldNames().containsAll(List.of("embedding", "svm"));
    });

    JsonObject bursty = report.getJsonObject("downgrade").getJsonObject(DemoTraffic.BURST_TASK);
    assertThat(bursty.getLong("queries")).isPositive();
    assertThat(bursty.getJsonObject("ranks").fieldNames()).hasSizeGreaterThan(1);
    assertThat(report.getJsonObject("downgrade").fieldNames()).contains("faq", "support");
    Set<String> answered = new TreeSet<>();
    for (String task : report.getJsonObject("downgrade").fieldNames()) {
      answered.addAll(report.getJsonObject("downgrade").getJsonObject(task).getJsonObject("models").fieldNames());
    }
    assertThat(report.getJsonObject("lag").fieldNames()).containsAll(answered);
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
          org.assertj.core.api.Assertions.within(1e-6));
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
