package io.tbms.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TryOverHttpTest {

  static final String CHAIN = "[{\"name\":\"embedding\",\"est_ms\":35},{\"name\":\"svm\",\"est_ms\":25},"
      + "{\"name\":\"bayes\",\"est_ms\":15},{\"name\":\"keyword\",\"est_ms\":5}]";

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

  static String query(String text, int budgetMs) {
    return "{\"task\":\"faq\",\"query\":{\"text\":\"" + text + "\"},\"models\":" + CHAIN + ",\"budget_ms\":" + budgetMs + "}";
  }

  @Test
  void answersTypicalUtterancesWithTheirClinc150Labels() throws Exception {
    String[][] cases = {
        {"what is the weather like in boston today", "weather"},
        {"set an alarm for 7 am", "alarm"},
        {"how much money is in my checking account", "balance"},
    };
    for (String[] c : cases) {
      HttpResponse<String> response = http.post("/v1/try", query(c[0], 2000));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonObject json = new JsonObject(response.body());
      assertThat(json.getString("status")).isEqualTo("ANSWERED");
      assertThat(json.getJsonObject("answer").getString("label")).as(c[0]).isEqualTo(c[1]);
      assertThat(json.getJsonArray("trace")).hasSize(4);
    }
  }

  @Test
  void servesHealthReadinessMetricsAndModels() throws Exception {
    assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(http.get("/readyz").statusCode()).isEqualTo(200);
    http.post("/v1/try", query("what time is it", 2000));
    String metrics = http.get("/metrics").body();
    assertThat(metrics).contains("tbms_broker_queries_total").contains("task=\"faq\"");
    JsonObject models = new JsonObject(http.get("/api/models").body());
    assertThat(models.getJsonArray("models")).hasSize(4);
  }
}
