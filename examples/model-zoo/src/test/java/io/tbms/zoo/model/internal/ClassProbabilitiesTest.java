package io.tbms.zoo.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tbms.zoo.model.ClassScore;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-class probabilities of the linear models and how a prediction's classes are ranked. */
class ClassProbabilitiesTest {

  private static final LabelIndex LABELS = new LabelIndex(List.of("a", "b", "c", "d", "e"));

  private static int argmax(double[] values) {
    int top = 0;
    for (int c = 1; c < values.length; c++) {
      if (values[c] > values[top]) {
        top = c;
      }
    }
    return top;
  }

  @Test
  void theTopClassKeepsItsCalibratedScoreAndTheOthersShareTheRest() {
    PlattScaling platt = new PlattScaling(2, -0.5);
    double[] decision = {0.1, 1.2, -0.4, 0.9, -3};
    double[] p = platt.classProbabilities(decision, 1);
    assertThat((float) p[1]).isEqualTo(platt.score(1.2));
    double sum = 0;
    for (double value : p) {
      sum += value;
    }
    assertThat(sum).isCloseTo(1.0, within(1e-9));
    // the others in proportion to exp(a * (f_c - f_top))
    assertThat(p[3] / p[0]).isCloseTo(Math.exp(2 * (0.9 - 0.1)), within(1e-9));
    assertThat(p[0]).isGreaterThan(p[2]).isGreaterThan(p[4]);
  }

  @Test
  void capsTheOthersAtTheTopScoreWhenTheTopIsUnsure() {
    PlattScaling platt = new PlattScaling(1, -3); // σ(1·1 − 3) ≈ 0.12: most of the mass is left over
    double[] p = platt.classProbabilities(new double[] {1.0, 0.99, -20}, 0);
    assertThat(p[1]).isEqualTo(p[0]);
    assertThat(p[0] + p[1] + p[2]).isLessThan(1.0);
  }

  @Test
  void aSlopeThatIsNotPositiveSharesTheRestEqually() {
    double[] p = new PlattScaling(-1, 0).classProbabilities(new double[] {0.5, 2, -1}, 1);
    assertThat(p[0]).isEqualTo(p[2]);
  }

  @Test
  void staysAProbabilityVectorWithTheTopFirstForAnyDecisionValues() {
    Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      PlattScaling platt = new PlattScaling(random.nextDouble() * 20 - 2, random.nextGaussian() * 3);
      double[] decision = new double[1 + random.nextInt(40)];
      for (int c = 0; c < decision.length; c++) {
        decision[c] = random.nextGaussian() * (1 + random.nextInt(50));
      }
      int top = argmax(decision);
      double[] p = platt.classProbabilities(decision, top);
      double sum = 0;
      for (double value : p) {
        assertThat(value).isBetween(0.0, p[top]);
        sum += value;
      }
      assertThat(sum).isLessThanOrEqualTo(1 + 1e-9);
      assertThat((float) p[top]).isEqualTo(platt.score(decision[top]));
    }
  }

  @Test
  void ranksTheTopClassFirstThenByProbabilityTiesToTheLowerIndex() {
    double[] p = {0.2, 0.1, 0.3, 0.2, 0.0};
    List<ClassScore> ranked = ClassRanking.rank(1, p, LABELS, 4);
    assertThat(ranked).containsExactly(
        new ClassScore(1, "b", 0.1f), new ClassScore(2, "c", 0.3f), new ClassScore(0, "a", 0.2f),
        new ClassScore(3, "d", 0.2f));
  }

  @Test
  void listsAtMostTheClassesThereAre() {
    double[] p = {0.5, 0.25, 0.125, 0.0625, 0.0625};
    assertThat(ClassRanking.rank(0, p, LABELS, 100)).hasSize(5);
    assertThat(ClassRanking.rank(0, p, LABELS, 0)).isEmpty();
    assertThat(ClassRanking.rank(0, p, LABELS, 1)).containsExactly(new ClassScore(0, "a", 0.5f));
  }

  @Test
  void printsTritonsClassificationStringExactly() {
    assertThat(new ClassScore(12, "credit_score", 0.1f).toTriton()).isEqualTo("0.1:12:credit_score");
    float odd = 0.123456789f;
    String printed = new ClassScore(0, "a", odd).toTriton();
    assertThat(Float.parseFloat(printed.substring(0, printed.indexOf(':')))).isEqualTo(odd);
  }
}
