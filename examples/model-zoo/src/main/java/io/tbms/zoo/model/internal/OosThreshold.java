package io.tbms.zoo.model.internal;

import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.model.ScopeTally;
import java.util.List;
import java.util.TreeSet;

/**
 * The score below which a prediction becomes {@code oos}, chosen on the validation split only:
 * the threshold that catches the most out-of-scope utterances while in-scope accuracy stays
 * within {@code maxAccuracyLoss} ({@link io.tbms.zoo.model.ModelSettings#oosMaxAccuracyLoss()},
 * default two points) of its value without a threshold; among equals, the lowest. A prediction
 * turned to {@code oos} keeps its (low) score and its class scores, so a low score always means
 * "unsure".
 * Out-of-scope utterances that slip through still tend to carry low scores, which callers can
 * read too.
 */
final class OosThreshold {

  private OosThreshold() {}

  static float choose(List<LabeledText> val, List<Prediction> raw, double maxAccuracyLoss) {
    TreeSet<Float> candidates = new TreeSet<>();
    candidates.add(0f);
    raw.forEach(p -> candidates.add(p.score()));
    Float[] sorted = candidates.toArray(new Float[0]);
    int stride = Math.max(1, sorted.length / 500);
    double floor = evaluate(val, raw, 0f).accuracy() - maxAccuracyLoss;
    float best = 0f;
    double bestRecall = -1;
    for (int c = 0; c < sorted.length; c += stride) {
      ScopeTally result = evaluate(val, raw, sorted[c]);
      if (result.accuracy() >= floor && result.oosRecall() > bestRecall) {
        bestRecall = result.oosRecall();
        best = sorted[c];
      }
    }
    return best;
  }

  /** In-scope accuracy and oos recall at a threshold. */
  private static ScopeTally evaluate(List<LabeledText> val, List<Prediction> raw, float threshold) {
    ScopeTally tally = new ScopeTally();
    for (int i = 0; i < val.size(); i++) {
      tally.add(val.get(i).label(), apply(raw.get(i), threshold).label());
    }
    return tally;
  }

  static Prediction apply(Prediction raw, float threshold) {
    return raw.score() < threshold ? new Prediction(Prediction.OUT_OF_SCOPE, raw.score(), raw.classes()) : raw;
  }
}
