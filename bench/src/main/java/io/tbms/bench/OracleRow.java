package io.tbms.bench;

/**
 * The capacity oracle of one cell ({@link CapacityOracle}): computed, not sent.
 *
 * @param loadFactor the cell's load, a multiple of the embedding model's capacity
 * @param budgetMs the cell's budget in milliseconds
 * @param best the model that answers first, or {@code null} when no model's idle p50 fits the budget
 * @param bestShare the share of queries {@code best} answers
 * @param bestAccuracy its accuracy on the cell's utterances (NaN without {@code best})
 * @param next the model that takes the rest, or {@code null} when no second model fits
 * @param nextShare the share it answers ({@code 1 - bestShare}, 0 without {@code next})
 * @param nextAccuracy its accuracy on the cell's utterances (NaN without {@code next})
 * @param accuracy {@code bestShare * bestAccuracy + nextShare * nextAccuracy}: the ceiling
 */
public record OracleRow(
    double loadFactor,
    long budgetMs,
    String best,
    double bestShare,
    double bestAccuracy,
    String next,
    double nextShare,
    double nextAccuracy,
    double accuracy) {

  /** The oracle's cell. */
  BenchGrid.Cell cell() {
    return new BenchGrid.Cell(loadFactor, budgetMs);
  }
}
