package io.tbms.zoo.server;

import static io.tbms.zoo.server.ZooFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /metrics} on the metrics port: Prometheus text format with Triton's names and labels. */
class MetricsEndpointTest {

  private static final Pattern SAMPLE =
      Pattern.compile("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*})? -?[0-9.]+(e[-+]?[0-9]+)?");

  private static Vertx vertx;
  private static ModelServer server;
  private static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = ZooFixture.startServer(vertx);
    http = WebClient.create(vertx);
    JsonObject request = new JsonObject().put("inputs", new JsonArray().add(new JsonObject()
        .put("name", "TEXT").put("datatype", "BYTES").put("shape", new JsonArray().add(2).add(1))
        .put("data", new JsonArray().add("what is the weather").add("set a 4 minute timer"))));
    for (String model : new String[] {"embedding", "svm"}) {
      await(http.post(server.httpPort(), "127.0.0.1", "/v2/models/" + model + "/infer").sendJsonObject(request));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    await(vertx.close());
  }


  private static HttpResponse<Buffer> scrape() throws Exception {
    return await(http.get(server.metricsPort(), "127.0.0.1", "/metrics").send());
  }

  @Test
  void exposesTritonMetricNamesWithModelAndVersionLabels() throws Exception {
    HttpResponse<Buffer> response = scrape();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).startsWith("text/plain; version=0.0.4");
    String text = response.bodyAsString();
    for (String name : new String[] {
        "nv_inference_request_success", "nv_inference_count",
        "nv_inference_exec_count", "nv_inference_request_duration_us", "nv_inference_queue_duration_us",
        "nv_inference_compute_infer_duration_us"}) {
      assertThat(text).contains("# TYPE " + name + " counter\n");
      assertThat(text).contains(name + "{model=\"svm\",version=\"1\"} ");
    }
    // failures by reason, as Triton labels them
    assertThat(text).contains("# TYPE nv_inference_request_failure counter\n");
    for (String reason : new String[] {"REJECTED", "CANCELED", "BACKEND", "OTHER"}) {
      assertThat(text).contains("nv_inference_request_failure{model=\"svm\",reason=\"" + reason + "\",version=\"1\"} 0\n");
    }
    assertThat(text).contains("nv_inference_count{model=\"embedding\",version=\"1\"} 2\n");
    assertThat(text).contains("nv_inference_request_success{model=\"svm\",version=\"1\"} 1\n");
  }

  @Test
  void exposesEmulatedGpuUtilisationAndMemoryByGpuUuid() throws Exception {
    String text = scrape().bodyAsString();
    for (String name : new String[] {"nv_gpu_utilization", "nv_gpu_memory_total_bytes", "nv_gpu_memory_used_bytes"}) {
      assertThat(text).contains("# TYPE " + name + " gauge\n");
      assertThat(text).containsPattern(name + "\\{gpu_uuid=\"GPU-[0-9a-f-]{36}\"} ");
    }
    assertThat(text).contains("emulated GPU");
  }

  @Test
  void exposesCpuUtilisationAndMemoryLikeTriton() throws Exception {
    String text = scrape().bodyAsString();
    for (String name : new String[] {"nv_cpu_utilization", "nv_cpu_memory_total_bytes", "nv_cpu_memory_used_bytes"}) {
      assertThat(text).contains("# TYPE " + name + " gauge\n");
    }
    java.util.regex.Matcher utilisation = Pattern.compile("\nnv_cpu_utilization ([0-9.]+)\n").matcher(text);
    assertThat(utilisation.find()).isTrue();
    assertThat(Double.parseDouble(utilisation.group(1))).isBetween(0.0, 1.0);
    java.util.regex.Matcher total = Pattern.compile("\nnv_cpu_memory_total_bytes ([0-9]+)\n").matcher(text);
    java.util.regex.Matcher used = Pattern.compile("\nnv_cpu_memory_used_bytes ([0-9]+)\n").matcher(text);
    assertThat(total.find()).isTrue();
    assertThat(used.find()).isTrue();
    assertThat(Long.parseLong(total.group(1))).isPositive().isGreaterThanOrEqualTo(Long.parseLong(used.group(1)));
  }

  @Test
  void everyLineIsACommentOrAWellFormedSample() throws Exception {
    for (String line : scrape().bodyAsString().split("\n")) {
      if (!line.startsWith("# HELP ") && !line.startsWith("# TYPE ")) {
        assertThat(line).matches(SAMPLE);
      }
    }
  }

  @Test
  void passesPromtoolsFormatCheck() throws Exception {
    File promtool = new File("/usr/bin/promtool");
    assumeThat(promtool).as("promtool (Debian package prometheus) is installed by scripts/install-deps.sh").exists();
    Process check = new ProcessBuilder(promtool.getPath(), "check", "metrics").redirectErrorStream(true).start();
    check.getOutputStream().write(scrape().bodyAsString().getBytes(StandardCharsets.UTF_8));
    check.getOutputStream().close();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // Triton's counters have no _total suffix; promtool lints that, but a format error fails differently
    assertThat(output).doesNotContain("error while linting").doesNotContain("text format parsing error");
  }
}
