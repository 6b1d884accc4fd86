package io.tbms.zoo.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.ClassScore;
import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.model.TextModel;
import io.tbms.zoo.testing.TrainedModels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The class scores each trained model lists, on real CLINC150 test utterances (oos ones too). */
class ModelClassScoresTest {

  /** 150 in-scope and 50 out-of-scope test utterances, spread over the split. */
  private static List<String> texts() {
    List<LabeledText> test = TrainedModels.clinc150().test();
    List<String> texts = new ArrayList<>();
    int inScope = 0;
    int outOfScope = 0;
    for (int i = 0; i < test.size(); i += 7) {
      LabeledText item = test.get(i);
      boolean oos = item.label().equals(Prediction.OUT_OF_SCOPE);
      if (oos ? outOfScope++ < 50 : inScope++ < 150) {
        texts.add(item.text());
      }
    }
    return texts;
  }

  @Test
  void everyModelListsItsBestClassesFirstWithProbabilitiesConsistentWithItsAnswer() {
    List<String> texts = texts();
    for (Map.Entry<String, TextModel> entry : TrainedModels.all().entrySet()) {
      String model = entry.getKey();
      List<Prediction> plain = entry.getValue().predict(texts);
      List<Prediction> ranked = entry.getValue().predict(texts, 5);
      for (int i = 0; i < texts.size(); i++) {
        Prediction p = ranked.get(i);
        String what = model + " on '" + texts.get(i) + "': " + p;
        assertThat(plain.get(i).classes()).isEmpty();
        assertThat(p.label()).as(what).isEqualTo(plain.get(i).label());
        assertThat(p.score()).as(what).isEqualTo(plain.get(i).score());
        List<ClassScore> classes = p.classes();
        assertThat(classes).as(what).hasSize(5);
        // the first class is the classifier's top class, before the oos threshold
        assertThat(classes.get(0).score()).as(what).isEqualTo(p.score());
        if (!p.outOfScope()) {
          assertThat(classes.get(0).label()).as(what).isEqualTo(p.label());
        }
        double sum = 0;
        Set<String> labels = new HashSet<>();
        Set<Integer> indices = new HashSet<>();
        for (int c = 0; c < classes.size(); c++) {
          assertThat(labels.add(classes.get(c).label())).as(what).isTrue();
          assertThat(indices.add(classes.get(c).index())).as(what).isTrue();
          if (c > 0) {
            assertThat(classes.get(c).score()).as(what).isLessThanOrEqualTo(classes.get(c - 1).score());
          }
          sum += classes.get(c).score();
        }
        assertThat(sum).as(what).isLessThanOrEqualTo(1.0 + 1e-5);
      }
    }
  }

  @Test
  void everyModelCanListAllItsClassesAndTheyNeverSumAboveOne() {
    List<String> texts = texts().subList(0, 20);
    for (Map.Entry<String, TextModel> entry : TrainedModels.all().entrySet()) {
      int classes = TrainedModels.clinc150().labels().size();
      for (Prediction p : entry.getValue().predict(texts, 10_000)) {
        assertThat(p.classes()).as(entry.getKey()).hasSize(classes);
        double sum = p.classes().stream().mapToDouble(ClassScore::score).sum();
        assertThat(sum).as(entry.getKey()).isLessThanOrEqualTo(1.0 + 1e-4);
        if (entry.getKey().equals("bayes")) {
          assertThat(sum).as("the tempered posterior is a distribution").isGreaterThan(1.0 - 1e-4);
        }
      }
    }
  }

  @Test
  void anUtteranceWithoutAnyIndexedTermScoresEveryKeywordClassZero() {
    Prediction p = TrainedModels.all().get("keyword").predict(List.of("the of and"), 3).get(0);
    assertThat(p.label()).isEqualTo(Prediction.OUT_OF_SCOPE);
    assertThat(p.classes()).extracting(ClassScore::score).containsOnly(0f);
    assertThat(p.classes().get(0).label()).isEqualTo(Prediction.OUT_OF_SCOPE);
  }
}
