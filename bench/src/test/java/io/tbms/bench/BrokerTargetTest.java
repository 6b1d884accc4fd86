package io.tbms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class BrokerTargetTest {

  @Test
  void bodyCarriesTaskQueryChainAndBudget() {
    JsonObject body = BrokerTarget.body("will it rain", Chains.FULL, 50);
    assertThat(body.getString("task")).isEqualTo("bench");
    assertThat(body.getJsonObject("query").getString("text")).isEqualTo("will it rain");
    assertThat(body.getJsonArray("models").getJsonObject(1).getMap())
        .containsEntry("name", "svm").containsEntry("est_ms", 25L);
    assertThat(body.getLong("budget_ms")).isEqualTo(50);
  }

  @Test
  void readsAnAnsweredReplyWithModelAndRank() {
    String reply = "{\"status\":\"ANSWERED\",\"answer\":{\"label\":\"weather\",\"score\":0.9,\"text\":\"\"},"
        + "\"model\":\"svm\",\"rank\":1,\"downgraded\":true,\"elapsed_ms\":27.4,\"trace\":[]}";
    assertThat(BrokerTarget.outcome(200, Buffer.buffer(reply)))
        .isEqualTo(QueryOutcome.answered(new Answer("svm", 1, "weather")));
  }

  @Test
  void readsEmptyRejectionAndErrors() {
    assertThat(BrokerTarget.outcome(200, Buffer.buffer("{\"status\":\"EMPTY\",\"trace\":[]}")))
        .isEqualTo(QueryOutcome.empty());
    assertThat(BrokerTarget.outcome(429, Buffer.buffer("{}")).kind()).isEqualTo(QueryOutcome.Kind.REJECTED);
    assertThat(BrokerTarget.outcome(401, Buffer.buffer("{}")).kind()).isEqualTo(QueryOutcome.Kind.ERROR);
    assertThat(BrokerTarget.outcome(200, Buffer.buffer("not json")).kind()).isEqualTo(QueryOutcome.Kind.ERROR);
  }
}
