package io.tbms.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportOverHttpTest {

  static Stack stack;
  static SignedHttp http;

  @BeforeAll
  static void start() throws Exception {
    stack = Stack.start();
    http = new SignedHttp(stack.broker.port());
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  @Test
  void reportsWhatCallersSawPerTaskAndLagPerModel() throws Exception {
    Map<String, Integer> byRank = new TreeMap<>();
    Map<String, Integer> wanted = new TreeMap<>();
    int empty = 0;
    // a 20 ms budget: embedding (est 35) is skipped until its observed lag fits; tight budgets give all outcomes
    for (int i = 0; i < 12; i++) {
      JsonObject answer = post("mixed", "[{\"name\":\"embedding\",\"est_ms\":35},{\"name\":\"svm\",\"est_ms\":25},"
          + "{\"name\":\"keyword\",\"est_ms\":5}]", i % 3 == 0 ? 1 : 20);
      for (Object entry : answer.getJsonArray("trace")) {
        JsonObject e = (JsonObject) entry;
        if (!"NOT_FIRED".equals(e.getString("outcome"))) {
          wanted.merge(e.getString("model"), 1, Integer::sum);
        }
      }
      if ("EMPTY".equals(answer.getString("status"))) {
        empty++;
      } else {
        byRank.merge(Integer.toString(answer.getInteger("rank")), 1, Integer::sum);
      }
    }
    post("faq", "[{\"name\":\"svm\",\"est_ms\":25},{\"name\":\"keyword\",\"est_ms\":5}]", 2000);

    JsonObject report = new JsonObject(http.get("/api/report").body());

    JsonObject mixed = report.getJsonObject("downgrade").getJsonObject("mixed");
    assertThat(mixed.getLong("queries")).isEqualTo(12);
    assertThat(mixed.getDouble("empty")).isCloseTo(empty / 12.0, within(1e-4));
    for (Map.Entry<String, Integer> rank : byRank.entrySet()) {
      assertThat(mixed.getJsonObject("ranks").getDouble(rank.getKey())).as("rank " + rank.getKey())
          .isCloseTo(rank.getValue() / 12.0, within(1e-4));
    }
    double downgraded = byRank.entrySet().stream().filter(e -> !e.getKey().equals("0")).mapToInt(Map.Entry::getValue).sum() / 12.0;
    assertThat(mixed.getDouble("downgraded")).isCloseTo(downgraded, within(1e-4));
    JsonObject faq = report.getJsonObject("downgrade").getJsonObject("faq");
    assertThat(faq.getLong("queries")).isEqualTo(1);
    assertThat(report.getJsonObject("lag").getJsonObject("svm").getLong("samples")).isPositive();
    assertThat(report.getJsonObject("lag").getJsonObject("svm").getDouble("p99_ms")).isPositive();
    assertThat(report.getInteger("brokers")).isEqualTo(1);
    // the warm-up's queries count too, so compare what must hold whatever came before
    JsonObject traffic = report.getJsonObject("traffic");
    for (String model : wanted.keySet()) {
      JsonObject t = traffic.getJsonObject(model);
      assertThat(t.getDouble("wanted_per_s")).as(model + ": " + traffic).isGreaterThanOrEqualTo(t.getDouble("answered_per_s"));
    }
    assertThat(wanted.get("embedding")).as("1 ms budgets never reach embedding; 20 ms ones do").isBetween(1, 11);
    JsonObject embedding = traffic.getJsonObject("embedding");
    assertThat(embedding.getDouble("wanted_per_s")).as("20 ms budgets want embedding (est 35) but it cannot answer in time")
        .isGreaterThan(embedding.getDouble("answered_per_s"));
    assertThat(report.getJsonObject("circuits").getJsonObject("svm").getMap()).containsValue("CLOSED");
    assertThat(report.getJsonObject("batch_config").getJsonObject("embedding").getInteger("batch_size")).isPositive();
  }

  @Test
  void servesTheDashboardFromTheJar() throws Exception {
    HttpResponse<String> redirect = http.get("/dashboard");
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("location")).hasValue("/dashboard/");
    HttpResponse<String> page = http.get("/dashboard/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(http.get("/dashboard/dashboard.js").statusCode()).isEqualTo(200);
    assertThat(http.get("/dashboard/other.js").statusCode()).isEqualTo(404);
  }

  @Test
  void publishesCircuitAndLagGaugesForEveryModel() throws Exception {
    String metrics = http.get("/metrics").body();
    for (String model : new String[] {"embedding", "svm", "bayes", "keyword"}) {
      assertThat(metrics).contains("tbms_broker_circuit_open{model=\"" + model + "\"")
          .contains("tbms_broker_model_lag_quantile_seconds{model=\"" + model + "\"}");
    }
  }

  private static JsonObject post(String task, String chain, int budgetMs) throws Exception {
    HttpResponse<String> response = http.post("/v1/try", "{\"task\":\"" + task + "\",\"query\":{\"text\":\"set an alarm for 7 am\"},"
        + "\"models\":" + chain + ",\"budget_ms\":" + budgetMs + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }
}
