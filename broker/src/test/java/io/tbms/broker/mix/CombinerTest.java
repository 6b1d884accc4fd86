package io.tbms.broker.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.tbms.broker.backend.ModelAnswer;
import java.util.ArrayList;
import java.util.List;
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
}
