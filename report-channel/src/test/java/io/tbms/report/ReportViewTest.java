package io.tbms.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tbms.common.time.ManualClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportViewTest {

  private static final JsonObject NO_OCCUPANCY = new JsonObject().put("devices", new JsonArray());

  private final ManualClock clock = new ManualClock(1_000_000_000_000L);
  private final ReportConfig config = ReportConfig.ofDefaults();

  @Test
  void downgradeSharesAddUpAcrossBrokers() {
    ReportRecorder one = new ReportRecorder("b1", config, clock);
    ReportRecorder two = new ReportRecorder("b2", config, clock);
    for (int i = 0; i < 6; i++) {
      one.accept(new ReportEvent.Answered("demo", "bursty", "embedding", 0, 1));
    }
    for (int i = 0; i < 3; i++) {
      two.accept(new ReportEvent.Answered("demo", "bursty", "bayes", 2, 1));
    }
    two.accept(new ReportEvent.Answered("demo", "bursty", "", -1, 1));

    JsonObject view = render(one.export(), two.export());

    JsonObject bursty = view.getJsonObject("downgrade").getJsonObject("bursty");
    assertThat(bursty.getLong("queries")).isEqualTo(10);
    assertThat(bursty.getDouble("empty")).isEqualTo(0.1);
    assertThat(bursty.getDouble("downgraded")).isEqualTo(0.3);
    assertThat(bursty.getJsonObject("ranks").getMap()).containsEntry("0", 0.6).containsEntry("2", 0.3);
    assertThat(bursty.getJsonObject("models").getMap()).containsEntry("embedding", 0.6).containsEntry("bayes", 0.3);
    assertThat(view.getInteger("brokers")).isEqualTo(2);
    assertThat(view.getDouble("empty_rate")).isEqualTo(0.1);
  }

  @Test
  void lagHasTheWindowAverageRecentQuantilesAndASeriesPerBucket() {
    ReportRecorder recorder = new ReportRecorder("b1", config, clock);
    recorder.accept(new ReportEvent.LagSample("svm", 100_000_000)); // 100 ms, 5 minutes ago: not recent
    clock.advance(Duration.ofMinutes(5));
    for (int i = 1; i <= 100; i++) {
      recorder.accept(new ReportEvent.LagSample("svm", i * 1_000_000L)); // 1..100 ms
    }

    JsonObject svm = render(recorder.export()).getJsonObject("lag").getJsonObject("svm");

    assertThat(svm.getLong("samples")).isEqualTo(101);
    assertThat(svm.getDouble("avg_ms")).isCloseTo((5050 + 100) / 101.0, within(0.01));
    assertThat(svm.getDouble("p50_ms")).isCloseTo(50, within(0.5));
    assertThat(svm.getDouble("p99_ms")).isCloseTo(99, within(1.0));
    assertThat(svm.getLong("recent_samples")).isEqualTo(100);
    JsonArray series = svm.getJsonArray("series");
    assertThat(series).hasSize(2);
    assertThat(series.getJsonObject(0).getDouble("avg_ms")).isEqualTo(100.0);
    assertThat(series.getJsonObject(1).getLong("t_ms")).isEqualTo(clock.wallMillis() / 10_000 * 10_000);
    assertThat(series.getJsonObject(1).getDouble("avg_ms")).isEqualTo(50.5);
  }

  @Test
  void ratesCountOnlyTheRateBuckets() {
    ReportRecorder recorder = new ReportRecorder("b1", config, clock);
    for (int i = 0; i < 50; i++) {
      recorder.accept(new ReportEvent.Answered("demo", "faq", "svm", 0, 1)); // a minute before: outside the rate buckets
      recorder.accept(new ReportEvent.LagSample("svm", 1_000_000));
      recorder.accept(new ReportEvent.Wanted("svm"));
    }
    clock.advance(Duration.ofSeconds(60));
    for (int i = 0; i < 30; i++) {
      recorder.accept(new ReportEvent.Answered("demo", "faq", "svm", 0, 1));
      recorder.accept(new ReportEvent.Shed("demo", "faq", "embedding"));
      recorder.accept(new ReportEvent.LagSample("svm", 1_000_000));
      recorder.accept(new ReportEvent.LagSample("svm", 2_000_000));
      recorder.accept(new ReportEvent.Wanted("svm"));
      recorder.accept(new ReportEvent.Wanted("embedding")); // shed: wanted, never answered
    }
    clock.advance(Duration.ofSeconds(5)); // 25 s into the three rate buckets

    JsonObject view = render(recorder.export());

    assertThat(view.getDouble("queries_per_s")).isEqualTo(30 / 25.0);
    assertThat(view.getDouble("shed_per_s")).isEqualTo(30 / 25.0);
    JsonObject traffic = view.getJsonObject("traffic");
    assertThat(traffic.getJsonObject("svm").getDouble("answered_per_s")).isEqualTo(60 / 25.0);
    assertThat(traffic.getJsonObject("svm").getDouble("wanted_per_s")).isEqualTo(30 / 25.0);
    assertThat(traffic.getJsonObject("embedding").getDouble("wanted_per_s")).isEqualTo(30 / 25.0);
    assertThat(traffic.getJsonObject("embedding").getDouble("answered_per_s")).isZero();
    assertThat(view.getJsonObject("downgrade").getJsonObject("faq").getLong("queries")).isEqualTo(80);
  }

  @Test
  void ignoresBucketsOutsideTheWindowAndStaleBrokersCircuits() {
    ReportRecorder recorder = new ReportRecorder("b1", config, clock);
    recorder.accept(new ReportEvent.Answered("demo", "faq", "svm", 0, 1));
    recorder.accept(new ReportEvent.CircuitChanged("svm", "127.0.0.1:8001", "OPEN"));
    BrokerReport old = recorder.export();
    clock.advance(Duration.ofMinutes(11));

    JsonObject view = render(old);

    assertThat(view.getJsonObject("downgrade").isEmpty()).isTrue();
    assertThat(view.getJsonObject("circuits").isEmpty()).isTrue();
    assertThat(view.getInteger("brokers")).isZero();
  }

  @Test
  void aCircuitOpenOnAnyLiveBrokerShowsOpen() {
    ReportRecorder one = new ReportRecorder("b1", config, clock);
    ReportRecorder two = new ReportRecorder("b2", config, clock);
    one.accept(new ReportEvent.CircuitChanged("svm", "127.0.0.1:8001", "CLOSED"));
    two.accept(new ReportEvent.CircuitChanged("svm", "127.0.0.1:8001", "OPEN"));
    one.accept(new ReportEvent.CircuitChanged("bayes", "127.0.0.1:8000", "HALF_OPEN"));
    two.accept(new ReportEvent.CircuitChanged("bayes", "127.0.0.1:8000", "CLOSED"));

    JsonObject circuits = render(one.export(), two.export()).getJsonObject("circuits");

    assertThat(circuits.getJsonObject("svm").getString("127.0.0.1:8001")).isEqualTo("OPEN");
    assertThat(circuits.getJsonObject("bayes").getString("127.0.0.1:8000")).isEqualTo("HALF_OPEN");
  }

  @Test
  void aFreshClusterRendersEmptyViews() {
    JsonObject view = render();

    assertThat(view.getDouble("queries_per_s")).isZero();
    assertThat(view.getDouble("empty_rate")).isZero();
    assertThat(view.getJsonObject("downgrade").isEmpty()).isTrue();
    assertThat(view.getJsonObject("lag").isEmpty()).isTrue();
    assertThat(view.getJsonObject("occupancy")).isEqualTo(NO_OCCUPANCY);
  }

  @Test
  void twoInstancesUsingOneTaskNameKeepTheirRowsApart() {
    ReportRecorder recorder = new ReportRecorder("b1", config, clock);
    recorder.accept(new ReportEvent.Answered("shop", "faq", "svm", 0, 1));
    recorder.accept(new ReportEvent.Answered("bank", "faq", "", -1, 1));
    recorder.accept(new ReportEvent.Answered("bank", "faq", "", -1, 1));
    recorder.accept(new ReportEvent.Answered("bank", "loans", "keyword", 0, 1));

    JsonObject downgrade = render(recorder.export()).getJsonObject("downgrade");

    assertThat(downgrade.fieldNames()).containsExactlyInAnyOrder("shop/faq", "bank/faq", "loans");
    assertThat(downgrade.getJsonObject("shop/faq").getLong("queries")).isEqualTo(1);
    assertThat(downgrade.getJsonObject("shop/faq").getDouble("empty")).isZero();
    assertThat(downgrade.getJsonObject("bank/faq").getLong("queries")).isEqualTo(2);
    assertThat(downgrade.getJsonObject("bank/faq").getString("instance")).isEqualTo("bank");
    assertThat(downgrade.getJsonObject("loans").getString("instance")).isEqualTo("bank");
  }

  @Test
  void anInstancesOwnReportShowsOnlyItsTasksAndTheModelsItMayUse() {
    ReportRecorder one = new ReportRecorder("b1", config, clock);
    ReportRecorder two = new ReportRecorder("b2", config, clock);
    for (int i = 0; i < 4; i++) {
      one.accept(new ReportEvent.Answered("shop", "faq", "keyword", 0, 1));
      two.accept(new ReportEvent.Answered("bank", "faq", "svm", 0, 1));
      two.accept(new ReportEvent.Answered("bank", "loans", "", -1, 1));
      two.accept(new ReportEvent.Shed("bank", "loans", "svm"));
    }
    one.accept(new ReportEvent.LagSample("keyword", 2_000_000));
    two.accept(new ReportEvent.LagSample("svm", 20_000_000));
    one.accept(new ReportEvent.CircuitChanged("svm", "127.0.0.1:8001", "OPEN"));
    one.accept(new ReportEvent.CircuitChanged("keyword", "127.0.0.1:8001", "CLOSED"));
    two.accept(new ReportEvent.Wanted("svm"));
    JsonObject batchConfig = new JsonObject()
        .put("keyword", new JsonObject().put("batch_size", 8))
        .put("svm", new JsonObject().put("batch_size", 4));
    clock.advance(Duration.ofSeconds(5));

    JsonObject shop = ReportView.renderFor("shop", Set.of("keyword"), List.of(one.export(), two.export()),
        clock.wallMillis(), config, batchConfig);

    assertThat(shop.getString("instance")).isEqualTo("shop");
    assertThat(shop.getJsonObject("downgrade").fieldNames()).containsExactly("faq");
    assertThat(shop.getJsonObject("downgrade").getJsonObject("faq").getLong("queries")).isEqualTo(4);
    assertThat(shop.getJsonObject("downgrade").getJsonObject("faq").getJsonObject("models").getMap())
        .containsOnlyKeys("keyword");
    assertThat(shop.getJsonObject("lag").fieldNames()).containsExactly("keyword");
    assertThat(shop.getJsonObject("circuits").fieldNames()).containsExactly("keyword");
    assertThat(shop.getJsonObject("batch_config").fieldNames()).containsExactly("keyword");
    assertThat(shop.getDouble("empty_rate")).isZero();
    assertThat(shop.getDouble("shed_per_s")).isZero();
    assertThat(shop.getDouble("queries_per_s")).isPositive();
    assertThat(shop.fieldNames()).doesNotContain("traffic", "occupancy", "tuning");

    JsonObject bank = ReportView.renderFor("bank", Set.of("svm", "keyword"), List.of(one.export(), two.export()),
        clock.wallMillis(), config, batchConfig);
    assertThat(bank.getJsonObject("downgrade").fieldNames()).containsExactlyInAnyOrder("faq", "loans");
    assertThat(bank.getJsonObject("downgrade").getJsonObject("faq").getJsonObject("models").getMap())
        .containsOnlyKeys("svm");
    assertThat(bank.getDouble("empty_rate")).isEqualTo(0.5);
    assertThat(bank.getDouble("queries_per_s")).isEqualTo(2 * shop.getDouble("queries_per_s"));
    assertThat(bank.getDouble("shed_per_s")).isEqualTo(shop.getDouble("queries_per_s"));
    assertThat(bank.getJsonObject("circuits").getJsonObject("svm").getString("127.0.0.1:8001")).isEqualTo("OPEN");
  }

  private JsonObject render(BrokerReport... reports) {
    return ReportView.render(List.of(reports), clock.wallMillis(), config, NO_OCCUPANCY, new JsonObject());
  }
}
