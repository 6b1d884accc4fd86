package io.tbms.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The acceptance lines of issue 15, checked cell by cell on the broker's row. Pure.
 *
 * <ul>
 *   <li>broker accuracy ≥ the best baseline's (embedding-only, static-fallback, fire-all);
 *   <li>broker accuracy within {@value #ORACLE_POINTS} points of the capacity oracle (≥ oracle − 2);
 *   <li>EMPTY ≤ 0.5% wherever an idle chain can answer in the budget (some model's idle p50 fits);
 *   <li>on time, client side: ≥ 99.9% within budget + 1 ms at loads ≤ 2×, ≥ 99% above.
 * </ul>
 *
 * Comparisons allow {@value #EPSILON} for the rounding of fractions.
 */
final class Acceptance {

  static final double ORACLE_POINTS = 2;
  static final double EMPTY_MAX = 0.005;
  static final double ON_TIME_UP_TO_2X = 0.999;
  static final double ON_TIME_ABOVE_2X = 0.99;
  static final double ON_TIME_LOAD_LIMIT = 2;
  static final double EPSILON = 1e-9;

  private Acceptance() {}

  /**
   * @param broker the broker's row in the cell
   * @param others the cell's other rows (baselines are picked out; other targets ignored)
   * @param oracle the cell's oracle, when the models were profiled
   * @param idleChainFits whether some model of the chain answers within the budget on an idle server
   */
  static CellVerdict verdict(LoadSummary broker, List<LoadSummary> others, Optional<OracleRow> oracle,
      boolean idleChainFits) {
    Optional<LoadSummary> best = others.stream()
        .filter(r -> isBaseline(r.target()))
        .max(Comparator.comparingDouble(LoadSummary::accuracy));
    double accuracy = broker.accuracy();
    Mark atLeastBaseline = best.map(b -> Mark.of(accuracy >= b.accuracy() - EPSILON)).orElse(Mark.NOT_APPLICABLE);
    Mark nearOracle = oracle
        .map(o -> Mark.of(accuracy >= o.accuracy() - ORACLE_POINTS / 100 - EPSILON))
        .orElse(Mark.NOT_APPLICABLE);
    Mark fewEmpty = idleChainFits ? Mark.of(broker.emptyShare() <= EMPTY_MAX + EPSILON) : Mark.NOT_APPLICABLE;
    Mark onTime = Mark.of(broker.withinBudgetPlus1() >= onTimeRequired(broker.loadFactor()) - EPSILON);
    return new CellVerdict(broker.loadFactor(), broker.budgetMs(), accuracy,
        best.map(LoadSummary::target).orElse(null), best.map(LoadSummary::accuracy).orElse(Double.NaN),
        oracle.map(OracleRow::accuracy).orElse(Double.NaN), broker.emptyShare(), broker.withinBudget(),
        broker.withinBudgetPlus1(), atLeastBaseline, nearOracle, fewEmpty, onTime);
  }

  /**
   * The verdicts of a run, one per broker row in run order. Without oracle rows (models not
   * profiled), "near the oracle" does not apply and EMPTY is held to its line in every cell.
   */
  static List<CellVerdict> summary(List<LoadSummary> rows, List<OracleRow> oracle) {
    return rows.stream()
        .filter(r -> r.target().equals(TargetKind.BROKER.id()))
        .map(broker -> {
          BenchGrid.Cell cell = broker.cell();
          List<LoadSummary> others = rows.stream().filter(r -> r != broker && r.cell().equals(cell)).toList();
          Optional<OracleRow> o = oracle.stream().filter(r -> r.cell().equals(cell)).findFirst();
          return verdict(broker, others, o, o.map(r -> r.best() != null).orElse(true));
        })
        .toList();
  }

  /** The share within budget + 1 ms the broker must reach at a load. */
  static double onTimeRequired(double loadFactor) {
    return loadFactor <= ON_TIME_LOAD_LIMIT ? ON_TIME_UP_TO_2X : ON_TIME_ABOVE_2X;
  }

  static boolean isBaseline(String target) {
    return target.equals(TargetKind.EMBEDDING_ONLY.id()) || target.equals(TargetKind.STATIC_FALLBACK.id())
        || target.equals(TargetKind.FIRE_ALL.id());
  }
}
