package io.tbms.zoo.model.internal;

import io.tbms.zoo.model.ClassScore;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks a prediction's best classes out of a per-class probability vector: the classifier's top
 * class first (whatever its probability), then the others by probability, ties to the lower class
 * index. {@code O(classes × k)}, fine for the small k callers ask for.
 */
final class ClassRanking {

  private ClassRanking() {}

  /**
   * @param top the classifier's top class, listed first
   * @param probabilities one per class of {@code labels}, each in {@code [0, 1]}
   * @param k how many classes to list; at most {@code probabilities.length} are
   */
  static List<ClassScore> rank(int top, double[] probabilities, LabelIndex labels, int k) {
    int count = Math.min(k, probabilities.length);
    List<ClassScore> ranked = new ArrayList<>(count);
    if (count == 0) {
      return ranked;
    }
    ranked.add(entry(top, probabilities, labels));
    boolean[] taken = new boolean[probabilities.length];
    taken[top] = true;
    while (ranked.size() < count) {
      int best = -1;
      for (int c = 0; c < probabilities.length; c++) {
        if (!taken[c] && (best < 0 || probabilities[c] > probabilities[best])) {
          best = c;
        }
      }
      taken[best] = true;
      ranked.add(entry(best, probabilities, labels));
    }
    return ranked;
  }

  private static ClassScore entry(int c, double[] probabilities, LabelIndex labels) {
    return new ClassScore(c, labels.label(c), (float) Math.min(1.0, Math.max(0.0, probabilities[c])));
  }
}
