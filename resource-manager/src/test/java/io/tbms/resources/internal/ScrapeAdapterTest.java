package io.tbms.resources.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.tbms.common.time.ManualClock;
import io.tbms.resources.DeviceOccupancy;
import io.tbms.resources.Target;
import io.tbms.resources.prometheus.ParsedMetrics;
import io.tbms.resources.prometheus.PrometheusText;
import io.tbms.resources.testing.TritonFixtures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metrics scraper against WireMock serving Triton-shaped scrapes, fed into a backend tracker. */
class ScrapeAdapterTest {

  private WireMockServer wireMock;
  private Vertx vertx;
  private MetricsScraper scraper;
  private final ManualClock clock = new ManualClock();

  @BeforeEach
  void start() {
    wireMock = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    wireMock.start();
    vertx = Vertx.vertx();
    scraper = new MetricsScraper(vertx, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() throws Exception {
    await(scraper.close());
    await(vertx.close());
    wireMock.stop();
  }

  private String url() {
    return "http://127.0.0.1:" + wireMock.port() + "/metrics";
  }

  private void serve(String state, String next, String body, int status) {
    wireMock.stubFor(get(urlEqualTo("/metrics")).inScenario("scrapes").whenScenarioStateIs(state)
        .willReturn(aResponse().withStatus(status).withHeader("content-type", "text/plain; version=0.0.4").withBody(body))
        .willSetStateTo(next));
  }

  @Test
  void tracksOccupancyAcrossACounterResetAndMalformedLinesThenFlagsTheBackendDown() throws Exception {
    serve(Scenario.STARTED, "second", TritonFixtures.metrics(1), 200);
    serve("second", "broken", TritonFixtures.metrics(2), 200);
    serve("broken", "broken", "overloaded", 503);
    Target target = new Target("10.0.0.7:8001", url());
    BackendTracker tracker = new BackendTracker(target, 4, Map.of(), Duration.ofSeconds(10));

    ParsedMetrics first = PrometheusText.parse(await(scraper.scrape(url())));
    assertThat(tracker.needsDiscovery(clock.nanoTime())).isTrue();
    tracker.discovered(TritonFixtures.models(), first, clock.nanoTime(), clock.wallMillis());
    assertThat(tracker.scraped(first, clock.nanoTime(), clock.wallMillis()))
        .extracting(DeviceOccupancy::id).containsExactly("10.0.0.7/cpu", "10.0.0.7/gpu0", "10.0.0.7/gpu1");
    assertThat(tracker.gpuUuids()).containsEntry("10.0.0.7/gpu1", TritonFixtures.GPU1);

    clock.advanceMillis(2_000);
    ParsedMetrics second = PrometheusText.parse(await(scraper.scrape(url())));
    assertThat(second.problems()).hasSize(2);
    List<DeviceOccupancy> devices = tracker.scraped(second, clock.nanoTime(), clock.wallMillis());
    assertThat(devices.get(2).models().get("bert")).isCloseTo(0.2, within(1e-9));
    assertThat(devices.get(2).models().get("resnet50")).isCloseTo(0.3, within(1e-9));
    assertThat(devices).noneMatch(DeviceOccupancy::down);
    assertThat(tracker.needsDiscovery(clock.nanoTime())).isFalse();

    assertThatThrownBy(() -> await(scraper.scrape(url())))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("answered HTTP 503");
    List<DeviceOccupancy> down = tracker.failed();
    assertThat(down).hasSize(3).allMatch(DeviceOccupancy::down);
    assertThat(down.get(2).models()).isEqualTo(devices.get(2).models());
    assertThat(tracker.replicas()).allMatch(r -> r.down());
    assertThat(tracker.needsDiscovery(clock.nanoTime())).isTrue();
    wireMock.verify(3, getRequestedFor(urlEqualTo("/metrics")));
  }

  @Test
  void failsWhenNothingListens() throws Exception {
    int port = wireMock.port();
    wireMock.stop();
    assertThatThrownBy(() -> await(scraper.scrape("http://127.0.0.1:" + port + "/metrics")))
        .isInstanceOf(ExecutionException.class);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
