package io.tbms.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tbms.broker.backend.AnswerOutputs;
import io.tbms.broker.backend.ClassScore;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.backend.ReplicaClient;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.tbms.zoo.data.LabeledText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An {@code avg} mix through the real broker and model server answers the class with the best
 * average of its members' class scores, the members' scores fetched straight from the model server.
 * The members are the models whose answers do not depend on what they are batched with.
 */
class AvgMixTest {

  private static final List<String> MEMBERS = List.of("svm", "bayes", "keyword");

  private static Stack stack;
  private static SignedHttp http;
  private static ReplicaClient zoo;

  @BeforeAll
  static void start() throws Exception {
    stack = Stack.start();
    http = new SignedHttp(stack.broker.port());
    zoo = ReplicaClient.create(stack.vertx, new ReplicaConfig("127.0.0.1", stack.zoo.grpcPort(), Transport.GRPC, "cpu"),
        AnswerOutputs.DEFAULT, 4);
  }

  @AfterAll
  static void stop() throws Exception {
    Stack.await(zoo.close());
    stack.close();
  }

  /** Every 45th CLINC150 test utterance: 122 of them, out-of-scope ones included. */
  private static List<String> texts() {
    List<String> texts = new ArrayList<>();
    List<LabeledText> test = Stack.clinc150().test();
    for (int i = 0; i < test.size(); i += 45) {
      texts.add(test.get(i).text());
    }
    return texts;
  }

  @Test
  void anAvgMixAnswersTheArgMaxOfItsMembersAveragedClassScores() throws Exception {
    int differsFromTopOne = 0;
    for (String text : texts()) {
      Map<String, Double> averaged = new LinkedHashMap<>();
      Map<String, Double> topOne = new LinkedHashMap<>();
      for (String model : MEMBERS) {
        ModelAnswer direct = Stack.await(
            zoo.infer(model, "", new InferInput.Texts(List.of(text)).withClassScores()).result()).get(0);
        assertThat(direct.classes()).as(model).hasSize(AnswerOutputs.DEFAULT.classes());
        if (direct.label().equals(direct.classes().get(0).label())) {
          for (ClassScore entry : direct.classes()) {
            averaged.merge(entry.label(), (double) entry.score() / MEMBERS.size(), Double::sum);
          }
        } else { // it overruled its best class (out of scope): its answer is its whole vote
          averaged.merge(direct.label(), 1.0 / MEMBERS.size(), Double::sum);
        }
        topOne.merge(direct.label(), (double) direct.score() / MEMBERS.size(), Double::sum);
      }
      String best = argMax(averaged);

      JsonObject answer = mixTry(text);

      assertThat(answer.getString("label")).as("'%s': %s", text, averaged).isEqualTo(best);
      assertThat(answer.getDouble("score")).as(text).isCloseTo(averaged.get(best), within(1e-6));
      differsFromTopOne += best.equals(argMax(topOne)) ? 0 : 1;
    }
    assertThat(differsFromTopOne).as("utterances where averaging the class scores changes the answer").isPositive();
  }

  private static String argMax(Map<String, Double> scores) {
    String best = null;
    for (Map.Entry<String, Double> entry : scores.entrySet()) {
      if (best == null || entry.getValue() > scores.get(best)) {
        best = entry.getKey();
      }
    }
    return best;
  }

  private static JsonObject mixTry(String text) throws Exception {
    JsonObject body = new JsonObject()
        .put("query", new JsonObject().put("text", text))
        .put("budget_ms", 5000)
        .put("groups", new JsonArray().add(new JsonObject().put("name", "mix").put("combine", "avg")
            .put("models", new JsonArray(MEMBERS.stream().map(m -> new JsonObject().put("name", m)).toList()))));
    HttpResponse<String> response = http.post("/v1/mix-try", body.encode());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject json = new JsonObject(response.body());
    assertThat(json.getString("status")).as(response.body()).isEqualTo("ANSWERED");
    assertThat(json.getJsonArray("trace")).as(response.body()).hasSize(MEMBERS.size());
    return json.getJsonObject("answer");
  }
}
