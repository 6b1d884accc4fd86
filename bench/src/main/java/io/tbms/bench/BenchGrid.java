package io.tbms.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The rows of a bench run, in the order they run: every (load, budget) cell of the grid, loads
 * outermost, then budgets, and every selected target in each cell, so the targets of one cell run
 * back to back; then the broker-overhead pair once, at its own load and budget. Pure.
 */
final class BenchGrid {

  /**
   * One cell of the grid.
   *
   * @param loadFactor the offered rate as a multiple of the embedding model's capacity, {@code > 0}
   * @param budgetMs the query budget in milliseconds, {@code > 0}
   */
  record Cell(double loadFactor, long budgetMs) {
    Cell {
      if (!(loadFactor > 0) || Double.isInfinite(loadFactor)) {
        throw new IllegalArgumentException("loadFactor must be > 0 and finite, was " + loadFactor);
      }
      if (budgetMs < 1) {
        throw new IllegalArgumentException("budgetMs must be >= 1, was " + budgetMs);
      }
    }
  }

  /**
   * One row to run: a target in a cell.
   *
   * @param target what to drive
   * @param cell at which load and budget
   */
  record PlannedRow(TargetKind target, Cell cell) {
    PlannedRow {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(cell, "cell");
    }
  }

  private BenchGrid() {}

  /** The grid's cells, loads outermost. */
  static List<Cell> cells(List<Double> loads, List<Long> budgetsMs) {
    List<Cell> cells = new ArrayList<>();
    for (double load : loads) {
      for (long budget : budgetsMs) {
        cells.add(new Cell(load, budget));
      }
    }
    return List.copyOf(cells);
  }

  /**
   * The rows of a run: each grid target in each cell, then each overhead-pair target once.
   *
   * @param overhead the cell of the broker-overhead pair ({@link TargetKind#overheadPair()})
   */
  static List<PlannedRow> rows(List<Double> loads, List<Long> budgetsMs, List<TargetKind> targets, Cell overhead) {
    List<TargetKind> distinct = List.copyOf(new LinkedHashSet<>(targets));
    List<PlannedRow> rows = new ArrayList<>();
    for (Cell cell : cells(loads, budgetsMs)) {
      distinct.stream().filter(t -> !t.overheadPair()).forEach(t -> rows.add(new PlannedRow(t, cell)));
    }
    distinct.stream().filter(TargetKind::overheadPair).forEach(t -> rows.add(new PlannedRow(t, overhead)));
    return List.copyOf(rows);
  }
}
