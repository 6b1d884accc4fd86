package io.tbms.zoo.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.model.TextModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

  /** Says "a" to everything that starts with "a", else oos. */
  private static final TextModel FIRST_LETTER = new TextModel() {
    @Override
    public String name() {
      return "first-letter";
    }

    @Override
    public List<Prediction> predict(List<String> texts, int topClasses) {
      return texts.stream().map(t -> new Prediction(t.startsWith("a") ? "a" : Prediction.OUT_OF_SCOPE, 1f)).toList();
    }
  };

  private static final Dataset DATA = new Dataset("t", "f".repeat(64),
      List.of(new LabeledText("a", "a")), List.of(),
      List.of(new LabeledText("apple", "a"), new LabeledText("avocado", "a"), new LabeledText("banana", "a"),
          new LabeledText("zzz", Prediction.OUT_OF_SCOPE), new LabeledText("abc", Prediction.OUT_OF_SCOPE)));

  @Test
  void countsOutOfScopeAnswersToInScopeItemsAsWrong() {
    ModelScore score = new Evaluator(new AtomicLong()::incrementAndGet).score(FIRST_LETTER, DATA);
    assertThat(score.accuracy()).isEqualTo(2 / 3.0);
    assertThat(score.oosRecall()).isEqualTo(0.5);
  }

  @Test
  void timesEachCallWithTheInjectedClock() {
    AtomicLong ticks = new AtomicLong();
    ModelScore score = new Evaluator(() -> ticks.addAndGet(1_000_000)).score(FIRST_LETTER, DATA);
    assertThat(score.p50MillisBatch1()).isEqualTo(1.0);
    assertThat(score.p50MillisBatch32()).isEqualTo(1.0);
  }

  @Test
  void rendersTheCliJsonShape() throws Exception {
    Map<String, ModelScore> scores = new LinkedHashMap<>();
    scores.put("svm", new ModelScore(0.90041, 0.6471, 0.01234, 0.4711));
    JsonNode json = new ObjectMapper().readTree(Evaluator.toJson(scores));
    assertThat(json.path("models").path("svm").path("accuracy").asDouble()).isEqualTo(0.9004);
    assertThat(json.path("models").path("svm").path("oos_recall").asDouble()).isEqualTo(0.6471);
    assertThat(json.path("models").path("svm").path("p50_ms_batch1").asDouble()).isEqualTo(0.012);
    assertThat(json.path("models").path("svm").path("p50_ms_batch32").asDouble()).isEqualTo(0.471);
  }
}
