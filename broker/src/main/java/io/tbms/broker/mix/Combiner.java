package io.tbms.broker.mix;

import io.tbms.broker.backend.ClassScore;
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
 *   <li>{@link Combine#AVG}: each member that answered contributes a class score vector: its
 *       {@linkplain ModelAnswer#classes() top-k class scores} when it returned them, else its
 *       label with its score (top-1 only). With {@code n} members that answered, each class's
 *       score is {@code (sum of the members' scores for it) / n}, a class missing from a member's
 *       vector counting as 0 for that member. The class with the highest averaged score wins,
 *       with that average as its score. When no member returned class scores this is the
 *       average of the members' top-1 answers.
 * </ul>
 *
 * <p>Ties go to the earlier member (for AVG: to the class seen first, members in group order and
 * each member's classes best first). A {@code NaN} score (a model that returns none) loses to any
 * number under MAX and counts as 0 under AVG. Scores are expected to be probabilities in
 * {@code [0, 1]} (a member's class scores summing to at most 1): only then is the AVG score never
 * above the MAX score. A member whose answer is not its own best class (it overruled its class
 * scores, as a reference model does with its out-of-scope threshold) votes for its answer with
 * its whole weight (score 1 in its vector), so a majority of such members carries the combined
 * answer and a minority can still be outvoted. The combined answer carries no class scores.
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
      if (answer.classes().isEmpty()) {
        add(sums, answer.label(), answer.score());
      } else if (!answer.label().equals(answer.classes().get(0).label())) {
        add(sums, answer.label(), 1f); // it overruled its own best class: its answer is its whole vote
      } else {
        for (ClassScore entry : answer.classes()) {
          add(sums, entry.label(), entry.score());
        }
      }
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

  private static void add(Map<String, Double> sums, String label, float score) {
    sums.merge(label, Float.isNaN(score) ? 0.0 : score, Double::sum);
  }

  /** Strictly higher, with NaN below every number, so an equal or NaN score keeps the earlier member. */
  private static boolean beats(float candidate, float incumbent) {
    if (Float.isNaN(candidate)) {
      return false;
    }
    return Float.isNaN(incumbent) || candidate > incumbent;
  }
}
