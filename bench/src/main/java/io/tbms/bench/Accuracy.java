package io.tbms.bench;

import java.util.Optional;

/**
 * How often answers match the gold labels. An {@code EMPTY}, a rejection or an error counts as
 * not correct in {@link #overall()}; {@link #overAnswered()} looks only at the answers given.
 *
 * @param queries the queries measured
 * @param answered how many got an answer
 * @param correct how many answers carried the gold label
 */
record Accuracy(long queries, long answered, long correct) {

  Accuracy {
    if (queries < 0 || answered < 0 || correct < 0 || answered > queries || correct > answered) {
      throw new IllegalArgumentException(
          "0 <= correct <= answered <= queries must hold, was " + correct + ", " + answered + ", " + queries);
    }
  }

  /** Whether an outcome's answer (if any) carries the gold label; labels compare exactly. */
  static boolean isCorrect(Optional<Answer> answer, String goldLabel) {
    return answer.map(a -> a.label().equals(goldLabel)).orElse(false);
  }

  /** Correct answers over all queries; 0 when there were none. */
  double overall() {
    return queries == 0 ? 0 : (double) correct / queries;
  }

  /** Correct answers over the answered queries; 0 when nothing was answered. */
  double overAnswered() {
    return answered == 0 ? 0 : (double) correct / answered;
  }
}
