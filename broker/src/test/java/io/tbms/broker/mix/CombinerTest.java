package io.tbms.broker.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.tbms.broker.backend.ClassScore;
import io.tbms.broker.backend.ModelAnswer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CombinerTest {

  private static Optional<ModelAnswer> answer(String label, float score) {
    return Optional.of(new ModelAnswer(label, score));
  }

  private static final Optional<ModelAnswer> FAILED = Optional.empty();

  @Test
  void maxTakesTheMemberWithTheHighestScore() {
    var members = List.of(answer("a", 0.6f), answer("b", 0.9f), answer("a", 0.7f));
    assertThat(Combiner.combine(Combine.MAX, members)).contains(new ModelAnswer("b", 0.9f));
  }

  @Test
  void avgSumsEachLabelOverTheMembersThatAnswered() {
    // a: (0.6 + 0.7) / 3 = 0.4333; b: 0.9 / 3 = 0.3
    var members = List.of(answer("a", 0.6f), answer("b", 0.9f), answer("a", 0.7f));
    ModelAnswer combined = Combiner.combine(Combine.AVG, members).orElseThrow();
    assertThat(combined.label()).isEqualTo("a");
    assertThat(combined.score()).isCloseTo(1.3f / 3, offset(1e-6f));
  }

  @Test
  void leavesFailedMembersOutOfTheAverage() {
    var members = List.of(FAILED, answer("a", 0.8f), FAILED, answer("b", 0.4f));
    assertThat(Combiner.combine(Combine.AVG, members)).contains(new ModelAnswer("a", 0.4f));
    assertThat(Combiner.combine(Combine.MAX, members)).contains(new ModelAnswer("a", 0.8f));
  }

  @Test
  void returnsEmptyWhenNoMemberAnswered() {
    var members = List.of(FAILED, FAILED);
    assertThat(Combiner.combine(Combine.MAX, members)).isEmpty();
    assertThat(Combiner.combine(Combine.AVG, members)).isEmpty();
    assertThat(Combiner.combine(Combine.AVG, List.of())).isEmpty();
  }

  @Test
  void breaksTiesByMemberOrder() {
    var members = List.of(answer("first", 0.5f), answer("second", 0.5f));
    assertThat(Combiner.combine(Combine.MAX, members).orElseThrow().label()).isEqualTo("first");
    assertThat(Combiner.combine(Combine.AVG, members).orElseThrow().label()).isEqualTo("first");
  }

  @Test
  void aScorelessAnswerLosesUnderMaxAndCountsAsZeroUnderAvg() {
    var members = List.of(answer("none", Float.NaN), answer("b", 0.2f));
    assertThat(Combiner.combine(Combine.MAX, members)).contains(new ModelAnswer("b", 0.2f));
    assertThat(Combiner.combine(Combine.AVG, members)).contains(new ModelAnswer("b", 0.1f));
    assertThat(Combiner.combine(Combine.MAX, List.of(answer("none", Float.NaN))).orElseThrow().label())
        .isEqualTo("none");
  }

  @Test
  void parsesWireNamesIgnoringCase() {
    assertThat(Combine.parse("max")).contains(Combine.MAX);
    assertThat(Combine.parse("AVG")).contains(Combine.AVG);
    assertThat(Combine.parse("median")).isEmpty();
  }

  @Property
  void avgScoreNeverExceedsMaxScore(@ForAll("groups") List<Optional<ModelAnswer>> members) {
    Optional<ModelAnswer> max = Combiner.combine(Combine.MAX, members);
    Optional<ModelAnswer> avg = Combiner.combine(Combine.AVG, members);
    assertThat(avg.isPresent()).isEqualTo(max.isPresent());
    avg.ifPresent(a -> assertThat(a.score()).isLessThanOrEqualTo(max.orElseThrow().score()));
  }

  @Property
  void aUnanimousGroupReturnsItsLabel(
      @ForAll @IntRange(min = 1, max = 8) int size,
      @ForAll("scores") List<Float> scores,
      @ForAll @IntRange(min = 0, max = 8) int failed) {
    List<Optional<ModelAnswer>> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(answer("same", scores.get(i % scores.size())));
    }
    for (int i = 0; i < failed; i++) {
      members.add(i % (size + 1), FAILED);
    }
    assertThat(Combiner.combine(Combine.MAX, members).orElseThrow().label()).isEqualTo("same");
    assertThat(Combiner.combine(Combine.AVG, members).orElseThrow().label()).isEqualTo("same");
  }

  @Provide
  Arbitrary<List<Float>> scores() {
    return Arbitraries.floats().between(0, 1).list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Optional<ModelAnswer>>> groups() {
    Arbitrary<Optional<ModelAnswer>> member = Combinators.combine(
            Arbitraries.of("a", "b", "c", "d"), Arbitraries.floats().between(0, 1))
        .as(ModelAnswer::new)
        .optional(0.8);
    return member.list().ofMinSize(0).ofMaxSize(10);
  }

  private static Optional<ModelAnswer> ranked(Object... labelsAndScores) {
    List<ClassScore> classes = new ArrayList<>();
    for (int i = 0; i < labelsAndScores.length; i += 2) {
      classes.add(new ClassScore((String) labelsAndScores[i], (Float) labelsAndScores[i + 1]));
    }
    return Optional.of(new ModelAnswer(classes.get(0).label(), classes.get(0).score(), classes));
  }

  @Test
  void avgAveragesClassScoreVectorsAMissingClassCountingZero() {
    // a: 0.6 / 2 = 0.3; b: (0.3 + 0.5) / 2 = 0.4; c: 0.4 / 2 = 0.2 (top-1 alone would say a: 0.3 > b: 0.25)
    var members = List.of(ranked("a", 0.6f, "b", 0.3f), ranked("b", 0.5f, "c", 0.4f));
    ModelAnswer combined = Combiner.combine(Combine.AVG, members).orElseThrow();
    assertThat(combined.label()).isEqualTo("b");
    assertThat(combined.score()).isCloseTo(0.4f, offset(1e-6f));
    assertThat(combined.classes()).isEmpty();
  }

  @Test
  void aMemberWithoutClassScoresContributesItsLabelAndScore() {
    // c: (0.4 + 0.7) / 3 = 0.3667 beats a: 0.6 / 3
    var members = List.of(ranked("a", 0.6f, "c", 0.4f), answer("c", 0.7f), FAILED, ranked("b", 0.5f, "a", 0.0f));
    ModelAnswer combined = Combiner.combine(Combine.AVG, members).orElseThrow();
    assertThat(combined.label()).isEqualTo("c");
    assertThat(combined.score()).isCloseTo(1.1f / 3, offset(1e-6f));
  }

  @Test
  void aMemberThatOverrulesItsBestClassVotesForItsAnswerWithItsWholeWeight() {
    // both oos members: oos = 2/3 beats a = (0.3 + 0.2 + 0.7) / 3 = 0.4
    Optional<ModelAnswer> oos1 = Optional.of(new ModelAnswer("oos", 0.3f, List.of(new ClassScore("a", 0.3f))));
    Optional<ModelAnswer> oos2 = Optional.of(new ModelAnswer("oos", 0.2f, List.of(new ClassScore("a", 0.2f))));
    ModelAnswer majority = Combiner.combine(Combine.AVG, List.of(oos1, oos2, ranked("a", 0.7f))).orElseThrow();
    assertThat(majority.label()).isEqualTo("oos");
    assertThat(majority.score()).isCloseTo(2f / 3, offset(1e-6f));
    // one oos member among three: a = (0.9 + 0.8) / 3 = 0.567 beats oos = 1/3
    ModelAnswer minority = Combiner.combine(Combine.AVG, List.of(oos1, ranked("a", 0.9f), ranked("a", 0.8f))).orElseThrow();
    assertThat(minority.label()).isEqualTo("a");
  }

  @Test
  void aNaNClassScoreCountsAsZeroAndMaxStillTakesTheTopAnswer() {
    var members = List.of(ranked("a", Float.NaN, "b", 0.2f), ranked("b", 0.3f, "a", 0.1f));
    assertThat(Combiner.combine(Combine.AVG, members).orElseThrow().label()).isEqualTo("b");
    assertThat(Combiner.combine(Combine.MAX, members)).isEqualTo(members.get(1));
  }

  @Property
  void avgOfIdenticalMembersIsEachMembersBestClass(
      @ForAll("rankedMembers") Optional<ModelAnswer> member, @ForAll @IntRange(min = 1, max = 6) int size) {
    ModelAnswer one = member.orElseThrow();
    List<Optional<ModelAnswer>> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(member);
    }
    ModelAnswer combined = Combiner.combine(Combine.AVG, members).orElseThrow();
    assertThat(combined.label()).isEqualTo(one.label());
    assertThat(combined.score()).isCloseTo(one.score(), offset(1e-6f));
  }

  @Property
  void avgAnswersTheArgMaxOfTheAveragedClassScores(@ForAll("rankedGroups") List<Optional<ModelAnswer>> members) {
    Map<String, Double> averaged = new HashMap<>();
    long answered = members.stream().filter(Optional::isPresent).count();
    for (Optional<ModelAnswer> member : members) {
      member.ifPresent(a -> a.classes().forEach(c -> averaged.merge(c.label(), (double) c.score() / answered, Double::sum)));
    }
    Optional<ModelAnswer> combined = Combiner.combine(Combine.AVG, members);
    assertThat(combined.isPresent()).isEqualTo(answered > 0);
    combined.ifPresent(answer -> {
      assertThat((double) answer.score()).isCloseTo(averaged.get(answer.label()), offset(1e-6));
      averaged.values().forEach(score -> assertThat(score).isLessThanOrEqualTo(answer.score() + 1e-6));
    });
  }

  @Property
  void withTopOneClassesAvgIsTheTopOneAverage(@ForAll("groups") List<Optional<ModelAnswer>> topOne) {
    List<Optional<ModelAnswer>> asClasses = topOne.stream()
        .map(m -> m.map(a -> new ModelAnswer(a.label(), a.score(), List.of(new ClassScore(a.label(), a.score())))))
        .toList();
    assertThat(Combiner.combine(Combine.AVG, asClasses)).isEqualTo(Combiner.combine(Combine.AVG, topOne));
  }

  @Property
  void avgScoreNeverExceedsMaxScoreWithClassScores(@ForAll("rankedGroups") List<Optional<ModelAnswer>> members) {
    Optional<ModelAnswer> max = Combiner.combine(Combine.MAX, members);
    Combiner.combine(Combine.AVG, members)
        .ifPresent(a -> assertThat(a.score()).isLessThanOrEqualTo(max.orElseThrow().score()));
  }

  /** A member's top-k: distinct labels, scores best first that sum to at most 1, the top as its answer. */
  @Provide
  Arbitrary<Optional<ModelAnswer>> rankedMembers() {
    return Combinators.combine(
            Arbitraries.of("a", "b", "c", "d", "e").list().uniqueElements().ofMinSize(1).ofMaxSize(5),
            Arbitraries.floats().between(0, 1).list().ofSize(5))
        .as((labels, weights) -> {
          List<Float> scores = new ArrayList<>(weights.subList(0, labels.size()));
          scores.sort(Collections.reverseOrder());
          double sum = scores.stream().mapToDouble(Float::doubleValue).sum();
          List<ClassScore> classes = new ArrayList<>();
          for (int i = 0; i < labels.size(); i++) {
            classes.add(new ClassScore(labels.get(i), sum > 1 ? (float) (scores.get(i) / sum) : scores.get(i)));
          }
          return Optional.of(new ModelAnswer(labels.get(0), classes.get(0).score(), classes));
        });
  }

  @Provide
  Arbitrary<List<Optional<ModelAnswer>>> rankedGroups() {
    return Arbitraries.oneOf(rankedMembers(), Arbitraries.just(FAILED)).list().ofMinSize(0).ofMaxSize(8);
  }
}
