package io.tbms.broker.mix;

import io.tbms.broker.backend.ModelAnswer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Combines the answers of one mix group's members into the group's answer (the seed's
 * {@code tbmsMixTry}).
 *
 * <p>{@code members} holds one entry per group member, in the group's order: the member's
 * answer, or empty when the member failed (error, cancelled, late). Failed members are left out
 * of the combination; when no member answered the group failed and the result is empty.
 *
 * <ul>
 *   <li>{@link Combine#MAX}: the answer of the member with the highest score.
 *   <li>{@link Combine#AVG}: with {@code n} members that answered, each label's score is
 *       {@code (sum of the scores of the members that chose it) / n} — a member contributes its
 *       score to its own label and 0 to every other one. The label with the highest averaged
 *       score wins, with that average as its score.
 * </ul>
 *
 * <p>Ties go to the earlier member (for AVG: to the label an earlier member chose first). A
 * {@code NaN} score (a model that returns none) loses to any number under MAX and counts as 0
 * under AVG. Scores are expected to be probabilities in {@code [0, 1]}: only then is the AVG
 * score never above the MAX score.
 *
 * <p>Pure, stateless and thread-safe.
 */
public final class Combiner {

  private Combiner() {}

  /**
   * @param how the group's combine rule
   * @param members one entry per member in group order, empty for a member that failed
   * @return the group's answer, or empty when no member answered
   */
  public static Optional<ModelAnswer> combine(Combine how, List<Optional<ModelAnswer>> members) {
    Objects.requireNonNull(how, "how");
    return switch (how) {
      case MAX -> max(members);
      case AVG -> avg(members);
    };
  }

  private static Optional<ModelAnswer> max(List<Optional<ModelAnswer>> members) {
    ModelAnswer best = null;
    for (Optional<ModelAnswer> member : members) {
      if (member.isEmpty()) {
        continue;
      }
      ModelAnswer answer = member.get();
      if (best == null || beats(answer.score(), best.score())) {
        best = answer;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Optional<ModelAnswer> avg(List<Optional<ModelAnswer>> members) {
    Map<String, Double> sums = new LinkedHashMap<>();
    int answered = 0;
    for (Optional<ModelAnswer> member : members) {
      if (member.isEmpty()) {
        continue;
      }
      ModelAnswer answer = member.get();
      double score = Float.isNaN(answer.score()) ? 0.0 : answer.score();
      sums.merge(answer.label(), score, Double::sum);
      answered++;
    }
    if (answered == 0) {
      return Optional.empty();
    }
    String bestLabel = null;
    double bestSum = 0;
    for (Map.Entry<String, Double> entry : sums.entrySet()) {
      if (bestLabel == null || entry.getValue() > bestSum) {
        bestLabel = entry.getKey();
        bestSum = entry.getValue();
      }
    }
    return Optional.of(new ModelAnswer(bestLabel, (float) (bestSum / answered)));
  }

  /** Strictly higher, with NaN below every number, so an equal or NaN score keeps the earlier member. */
  private static boolean beats(float candidate, float incumbent) {
    if (Float.isNaN(candidate)) {
      return false;
    }
    return Float.isNaN(incumbent) || candidate > incumbent;
  }
}
