package io.tbms.bench;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The capacity oracle: the accuracy reachable in a cell if the best model ran at its measured
 * capacity and the next one took the rest. Pure.
 *
 * <pre>
 *   fitting  = the chain's models whose idle p50 is within the budget, in chain order
 *   best     = fitting[0],  next = fitting[1]
 *   s        = min(1, 1 / load)   when best is the chain's first model (the one whose capacity
 *                                 the loads are multiples of), else 1
 *   accuracy = s * acc(best) + (1 - s) * acc(next)
 * </pre>
 *
 * <p>Without a second fitting model the rest goes unanswered (counts 0); without any, the oracle
 * answers nothing. A best model other than the chain's first has no measured capacity and is taken
 * to keep up with every load, which can only raise the ceiling. The accuracies are each model's own,
 * on the utterances of the cell's measured window.
 */
final class CapacityOracle {

  /**
   * A model of the chain, as measured for one cell.
   *
   * @param model its name
   * @param idleP50Ms its median latency on an idle server, in milliseconds
   * @param accuracy its accuracy on the cell's utterances
   */
  record Candidate(String model, double idleP50Ms, double accuracy) {
    Candidate {
      Objects.requireNonNull(model, "model");
    }
  }

  private CapacityOracle() {}

  /**
   * @param cell the load and budget
   * @param chain the chain's models, best first; the first is the capacity model
   */
  static OracleRow of(BenchGrid.Cell cell, List<Candidate> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must not be empty");
    }
    List<Candidate> fitting = chain.stream().filter(c -> c.idleP50Ms() <= cell.budgetMs()).toList();
    if (fitting.isEmpty()) {
      return new OracleRow(cell.loadFactor(), cell.budgetMs(), null, 0, Double.NaN, null, 0, Double.NaN, 0);
    }
    Candidate best = fitting.get(0);
    double bestShare = best.equals(chain.get(0)) ? Math.min(1, 1 / cell.loadFactor()) : 1;
    if (fitting.size() == 1) {
      return new OracleRow(cell.loadFactor(), cell.budgetMs(), best.model(), bestShare, best.accuracy(), null, 0,
          Double.NaN, bestShare * best.accuracy());
    }
    Candidate next = fitting.get(1);
    double nextShare = 1 - bestShare;
    return new OracleRow(cell.loadFactor(), cell.budgetMs(), best.model(), bestShare, best.accuracy(), next.model(),
        nextShare, next.accuracy(), bestShare * best.accuracy() + nextShare * next.accuracy());
  }

  /**
   * The oracle of every cell of a run: each model's accuracy is taken over the utterances of the
   * cell's measured window ({@link MeasuredWindow}, replaying the run's schedule at the cell's
   * rate); empty without profiles.
   *
   * @param cells the grid's cells
   * @param chain the profiled models, in chain order (the first is the capacity model)
   * @param capacityQps the capacity the loads are multiples of, queries per second
   */
  static List<OracleRow> rows(List<BenchGrid.Cell> cells, List<ModelProfile> chain, double capacityQps, long seed,
      Duration warmup, Duration duration, int querySetSize) {
    if (chain.isEmpty()) {
      return List.of();
    }
    return cells.stream().map(cell -> {
      MeasuredWindow window = MeasuredWindow.of(capacityQps * cell.loadFactor(), seed, warmup, duration);
      List<Candidate> candidates = chain.stream()
          .map(p -> new Candidate(p.model(), p.idleP50Ms(), p.accuracyOver(window, querySetSize)))
          .toList();
      return of(cell, candidates);
    }).toList();
  }
}
