package io.tbms.bench;

/**
 * One cell of the summary: the broker's figures next to the best baseline's and the oracle's, and
 * a {@link Mark} per acceptance line of issue 15 (see {@link Acceptance}). Shares are fractions;
 * a figure that does not exist in the cell is NaN, a name {@code null}.
 *
 * @param loadFactor the cell's load, a multiple of the embedding model's capacity
 * @param budgetMs the cell's budget in milliseconds
 * @param brokerAccuracy the broker's accuracy (EMPTY, 429 and errors count as wrong)
 * @param bestBaseline the baseline with the highest accuracy in the cell, or {@code null}
 * @param bestBaselineAccuracy its accuracy
 * @param oracleAccuracy the capacity oracle's accuracy
 * @param brokerEmpty the broker's EMPTY share
 * @param withinBudget the broker's share of terminal answers within the budget
 * @param withinBudgetPlus1 within the budget + 1 ms
 * @param atLeastBaseline broker accuracy ≥ the best baseline's
 * @param nearOracle broker accuracy ≥ the oracle's − 2 points
 * @param fewEmpty EMPTY ≤ 0.5%, where an idle chain can answer in the budget
 * @param onTime within budget + 1 ms ≥ 99.9% at loads ≤ 2×, ≥ 99% above
 */
public record CellVerdict(
    double loadFactor,
    long budgetMs,
    double brokerAccuracy,
    String bestBaseline,
    double bestBaselineAccuracy,
    double oracleAccuracy,
    double brokerEmpty,
    double withinBudget,
    double withinBudgetPlus1,
    Mark atLeastBaseline,
    Mark nearOracle,
    Mark fewEmpty,
    Mark onTime) {

  /** Whether no line failed. */
  boolean passed() {
    return atLeastBaseline != Mark.FAIL && nearOracle != Mark.FAIL && fewEmpty != Mark.FAIL && onTime != Mark.FAIL;
  }
}
