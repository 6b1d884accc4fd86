package io.tbms.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.auth.Credential;
import io.tbms.broker.config.InstanceConfig;
import io.tbms.broker.front.GroupNames;
import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, against a real broker over HTTP: the seed's model name {@code keysearch} is served by
 * the demo registry's {@code keyword}, also for an instance allowed only {@code keyword}; mix-group
 * names reach the metrics bounded.
 */
class SeedNamesOverHttpTest {

  static Stack stack;
  static SignedHttp http;

  @BeforeAll
  static void start() throws Exception {
    stack = Stack.start(ZooConfig.ofDefaults().withPorts(0, 0, 0), config -> {
      List<InstanceConfig> instances = new ArrayList<>(config.instances());
      instances.add(new InstanceConfig("kw", Set.of("keyword"), List.of(new Credential("kw", "kw-key", "kw")), List.of()));
      instances.add(new InstanceConfig("svm-only", Set.of("svm"),
          List.of(new Credential("svm-only", "svm-only-key", "svm-only")), List.of()));
      return config.withInstances(instances);
    });
    http = new SignedHttp(stack.broker.port());
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  static String single(String task, String model, String text) {
    return "{\"task\":\"" + task + "\",\"query\":{\"text\":\"" + text + "\"},\"budget_ms\":5000,"
        + "\"models\":[{\"name\":\"" + model + "\",\"est_ms\":5}]}";
  }

  static JsonObject answered(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject json = new JsonObject(response.body());
    assertThat(json.getString("status")).as(response.body()).isEqualTo("ANSWERED");
    return json;
  }

  @Test
  void aKeysearchQueryIsAnsweredByTheKeywordModelUnderItsOwnName() throws Exception {
    String text = "set an alarm for 7 am";
    JsonObject byAlias = answered(http.post("/v1/try", single("seed", "keysearch", text)));
    JsonObject byName = answered(http.post("/v1/try", single("seed", "keyword", text)));
    assertThat(byAlias.getString("model")).isEqualTo("keyword");
    assertThat(byAlias.getJsonArray("trace").getJsonObject(0).getString("model")).isEqualTo("keyword");
    assertThat(byAlias.getJsonObject("answer")).isEqualTo(byName.getJsonObject("answer"));
    assertThat(http.get("/metrics").body()).as("one label per model").doesNotContain("keysearch")
        .contains("tbms_broker_answers_total{model=\"keyword\",rank=\"0\",task=\"seed\"");
  }

  @Test
  void anInstanceAllowedKeywordMayCallKeysearchAndOneThatIsNotMayNot() throws Exception {
    String body = single("kw", "keysearch", "what's the weather like");
    JsonObject answer = answered(http.post("/v1/try", body, "kw", "kw-key", System.currentTimeMillis()));
    assertThat(answer.getString("model")).isEqualTo("keyword");
    HttpResponse<String> refused = http.post("/v1/try", body, "svm-only", "svm-only-key", System.currentTimeMillis());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("may not use model 'keyword'");
  }

  @Test
  void anAliasServesInMixGroupsToo() throws Exception {
    JsonObject answer = answered(http.post("/v1/mix-try", "{\"task\":\"seed\",\"query\":{\"text\":\"play some music\"},"
        + "\"budget_ms\":5000,\"groups\":[{\"name\":\"mix2\",\"combine\":\"max\",\"models\":[{\"name\":\"keysearch\"}]}]}"));
    assertThat(answer.getString("model")).isEqualTo("mix2");
    assertThat(answer.getJsonArray("trace").getJsonObject(0).getString("model")).isEqualTo("keyword");
  }

  @Test
  void apiModelsListsTheAliasOnItsModelOnly() throws Exception {
    JsonArray models = new JsonObject(http.get("/api/models").body()).getJsonArray("models");
    assertThat(models).hasSize(4);
    for (int i = 0; i < models.size(); i++) {
      JsonObject model = models.getJsonObject(i);
      assertThat(model.getJsonArray("aliases").getList()).as(model.getString("name"))
          .isEqualTo(model.getString("name").equals("keyword") ? List.of("keysearch") : List.of());
    }
  }

  @Test
  void sixtyDistinctGroupNamesGiveAtMostTheLimitPlusOneMetricLabels() throws Exception {
    // as instance kw, whose bound no other test's group names have used
    for (int i = 0; i < 60; i++) {
      HttpResponse<String> response = http.post("/v1/mix-try", "{\"task\":\"groups\",\"query\":{\"text\":\"hi\"},"
          + "\"budget_ms\":5000,\"groups\":[{\"name\":\"g" + i + "\",\"models\":[{\"name\":\"keyword\"}]}]}",
          "kw", "kw-key", System.currentTimeMillis());
      assertThat(answered(response).getString("model")).as("the caller sees its own name").isEqualTo("g" + i);
    }
    Matcher labels = Pattern.compile("tbms_broker_answers_total\\{model=\"([^\"]*)\",rank=\"0\",task=\"groups\"")
        .matcher(http.get("/metrics").body());
    Set<String> models = new TreeSet<>();
    while (labels.find()) {
      models.add(labels.group(1));
    }
    assertThat(models).hasSize(GroupNames.DEFAULT_LIMIT + 1).contains("g0", GroupNames.OTHER).doesNotContain("g59");
  }
}
