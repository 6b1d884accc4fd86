package io.tbms.zoo.model.internal;

import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.Prediction;
import java.util.List;
import java.util.TreeSet;

/**
 * The score below which a prediction becomes {@code oos}, chosen on the validation split only:
 * the threshold that catches the most out-of-scope utterances while in-scope accuracy stays
 * within {@link #MAX_ACCURACY_LOSS} of its value without a threshold. Out-of-scope utterances that
 * slip through still tend to carry low scores, which callers can read too.
 */
final class OosThreshold {

  /** In-scope accuracy given up to recognise out-of-scope utterances: two points. */
  static final double MAX_ACCURACY_LOSS = 0.02;

  private OosThreshold() {}

  static float choose(List<LabeledText> val, List<Prediction> raw) {
    TreeSet<Float> candidates = new TreeSet<>();
    candidates.add(0f);
    raw.forEach(p -> candidates.add(p.score()));
    Float[] sorted = candidates.toArray(new Float[0]);
    int stride = Math.max(1, sorted.length / 500);
    double floor = evaluate(val, raw, 0f)[0] - MAX_ACCURACY_LOSS;
    float best = 0f;
    double bestRecall = -1;
    for (int c = 0; c < sorted.length; c += stride) {
      double[] result = evaluate(val, raw, sorted[c]);
      if (result[0] >= floor && result[1] > bestRecall) {
        bestRecall = result[1];
        best = sorted[c];
      }
    }
    return best;
  }

  /** {in-scope accuracy, oos recall} at a threshold. */
  private static double[] evaluate(List<LabeledText> val, List<Prediction> raw, float threshold) {
    int inScope = 0;
    int correct = 0;
    int oos = 0;
    int caught = 0;
    for (int i = 0; i < val.size(); i++) {
      String gold = val.get(i).label();
      String label = apply(raw.get(i), threshold).label();
      if (gold.equals(Prediction.OUT_OF_SCOPE)) {
        oos++;
        caught += label.equals(gold) ? 1 : 0;
      } else {
        inScope++;
        correct += label.equals(gold) ? 1 : 0;
      }
    }
    return new double[] {inScope == 0 ? 0 : (double) correct / inScope, oos == 0 ? 0 : (double) caught / oos};
  }

  static Prediction apply(Prediction raw, float threshold) {
    return raw.score() < threshold ? new Prediction(Prediction.OUT_OF_SCOPE, raw.score()) : raw;
  }
}
