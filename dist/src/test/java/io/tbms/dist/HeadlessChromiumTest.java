package io.tbms.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ops dashboard in a real headless Chromium: from a file, and served with a report. */
class HeadlessChromiumTest {

  private static final String DASHBOARD = "/io/tbms/report/dashboard/";
  private static final List<String> ASSETS = List.of("index.html", "dashboard.css", "dashboard.js");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8");
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir
  Path dir;

  @Test
  void showsStaleWithTheFetchErrorWhenOpenedFromAFile() throws IOException {
    for (String asset : ASSETS) {
      Files.write(dir.resolve(asset), resource(DASHBOARD + asset));
    }
    try (HeadlessChromium browser = HeadlessChromium.start()) {
      browser.open(dir.resolve("index.html").toUri().toString());
      browser.waitForText("#status", "stale", WAIT);

      assertThat(browser.text("#status-detail")).contains("GET /api/report failed").contains("no data received yet");
      assertThat(browser.text("#downgrade .empty-note")).isEqualTo("no data yet");
      Path png = dir.resolve("stale.png");
      browser.screenshot(png);
      assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    }
  }

  @Test
  void showsTheReportWhenServedWithIt() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      HttpServer server = vertx.createHttpServer().requestHandler(req -> {
        String path = req.path();
        String file = path.equals("/dashboard") || path.equals("/dashboard/") ? "index.html"
            : path.startsWith("/dashboard/") ? path.substring("/dashboard/".length()) : null;
        if (path.equals("/api/report")) {
          req.response().putHeader("content-type", "application/json")
              .end(Buffer.buffer(resource("/io/tbms/dist/dashboard-report.json")));
        } else if (file != null && ASSETS.contains(file)) {
          req.response().putHeader("content-type", TYPES.get(file.substring(file.lastIndexOf('.') + 1)))
              .end(Buffer.buffer(resource(DASHBOARD + file)));
        } else {
          req.response().setStatusCode(404).end();
        }
      }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      try (HeadlessChromium browser = HeadlessChromium.start()) {
        // without the trailing slash: the page must still find its stylesheet and script
        browser.open("http://127.0.0.1:" + server.actualPort() + "/dashboard");
        browser.waitForText("#status", "live", WAIT);

        assertThat(browser.text("#qps")).isEqualTo("19.6");
        assertThat(browser.text("#empty-rate")).isEqualTo("4.0%");
        assertThat(browser.text("#downgrade tbody tr[data-task=\"faq\"] [data-field=\"queries\"]")).isEqualTo("5230");
        assertThat(browser.text("#downgrade tbody tr[data-task=\"faq\"] [data-field=\"downgraded\"]")).isEqualTo("31.0%");
        assertThat(browser.text("#downgrade tbody tr[data-task=\"faq\"] [data-field=\"empty\"]")).isEqualTo("4.0%");
        assertThat(browser.count("#downgrade tbody tr[data-task=\"faq\"] .seg")).isEqualTo(5);
        assertThat(browser.text("#downgrade tbody tr[data-task=\"<b>bold</b>\"] [data-field=\"task\"]"))
            .isEqualTo("<b>bold</b>");
        assertThat(browser.count("#downgrade b")).isZero();
        assertThat(browser.text("#lag [data-model=\"embedding\"] [data-field=\"p99\"]")).isEqualTo("48.1 ms");
        assertThat(browser.text("#lag [data-model=\"keyword\"] [data-field=\"avg\"]")).isEqualTo("3.1 ms");
        assertThat(browser.count("#lag svg path[data-model=\"embedding\"]")).isEqualTo(2);
        assertThat(browser.text("#occupancy [data-device=\"127.0.0.1/gpu0\"] [data-field=\"used\"]")).isEqualTo("42.0%");
        assertThat(browser.count("#occupancy [data-device=\"127.0.0.1/gpu0\"] [data-model=\"embedding\"]")).isEqualTo(1);
        assertThat(browser.text("#circuits [data-model=\"embedding\"] [data-field=\"state\"]")).isEqualTo("CLOSED");
        assertThat(browser.text("#batch tr[data-model=\"keyword\"] [data-field=\"max_queue_delay_ms\"]")).isEqualTo("20");
        assertThat(browser.text("#batch ol.tuning li[data-model=\"keyword\"]")).endsWith("keyword (watch): b 8 \u2192 4, queue delay 20.0 ms");
        assertThat(browser.count("#batch ol.tuning i")).as("the explanation is text, not markup").isZero();
        assertThat(browser.script("return getComputedStyle(document.querySelector('.top')).position;"))
            .as("dashboard.css loaded").isEqualTo("sticky");
        assertThat(browser.script("const d = document.documentElement; return d.scrollWidth <= d.clientWidth;"))
            .as("no horizontal scroll at " + HeadlessChromium.WIDTH + " px").isEqualTo(true);
        browser.screenshot(dir.resolve("live.png"));
      } finally {
        server.close();
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void namesTheDebianPackageWhenTheBrowserIsMissing() {
    assertThatThrownBy(() -> HeadlessChromium.requireExecutable(Path.of("/nonexistent/chromium"), "chromium"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/nonexistent/chromium")
        .hasMessageContaining("Debian package chromium");
  }

  private static byte[] resource(String name) {
    try (InputStream in = HeadlessChromiumTest.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " is not on the test class path");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
