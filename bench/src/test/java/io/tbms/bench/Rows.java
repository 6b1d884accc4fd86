package io.tbms.bench;

import java.util.Map;

/** Report rows for tests: only the figures the acceptance lines read are set. */
final class Rows {

  private Rows() {}

  static LoadSummary row(String target, double load, long budgetMs, double accuracy, double empty,
      double withinBudget, double withinBudgetPlus1) {
    return new LoadSummary(target, load, budgetMs, 100 * load, 1_000, 1_000, 0, 0, 0, withinBudget,
        withinBudgetPlus1, 2.0, 30.0, 45.0, Map.of("svm", 1 - empty), empty, accuracy,
        empty >= 1 ? 0 : accuracy / (1 - empty), 0.5, Map.of());
  }

  static OracleRow oracle(double load, long budgetMs, double accuracy) {
    return new OracleRow(load, budgetMs, "embedding", 1, accuracy, "svm", 0, 0.8, accuracy);
  }
}
