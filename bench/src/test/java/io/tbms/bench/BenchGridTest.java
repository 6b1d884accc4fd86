package io.tbms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tbms.bench.BenchGrid.Cell;
import io.tbms.bench.BenchGrid.PlannedRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchGridTest {

  private static final Cell OVERHEAD = new Cell(0.5, 50);

  @Test
  void cellsRunLoadsOutermostThenBudgets() {
    assertThat(BenchGrid.cells(List.of(0.5, 2.0), List.of(20L, 100L))).containsExactly(
        new Cell(0.5, 20), new Cell(0.5, 100), new Cell(2.0, 20), new Cell(2.0, 100));
  }

  @Test
  void everyGridTargetRunsInEveryCellBackToBackThenTheOverheadPairOnce() {
    List<PlannedRow> rows = BenchGrid.rows(List.of(1.0, 4.0), List.of(40L, 50L),
        List.of(TargetKind.BROKER_SVM_ONLY, TargetKind.BROKER, TargetKind.FIRE_ALL, TargetKind.DIRECT_SVM), OVERHEAD);

    assertThat(rows).containsExactly(
        new PlannedRow(TargetKind.BROKER, new Cell(1, 40)),
        new PlannedRow(TargetKind.FIRE_ALL, new Cell(1, 40)),
        new PlannedRow(TargetKind.BROKER, new Cell(1, 50)),
        new PlannedRow(TargetKind.FIRE_ALL, new Cell(1, 50)),
        new PlannedRow(TargetKind.BROKER, new Cell(4, 40)),
        new PlannedRow(TargetKind.FIRE_ALL, new Cell(4, 40)),
        new PlannedRow(TargetKind.BROKER, new Cell(4, 50)),
        new PlannedRow(TargetKind.FIRE_ALL, new Cell(4, 50)),
        new PlannedRow(TargetKind.BROKER_SVM_ONLY, OVERHEAD),
        new PlannedRow(TargetKind.DIRECT_SVM, OVERHEAD));
  }

  @Test
  void aTargetNamedTwiceRunsOncePerCell() {
    List<PlannedRow> rows = BenchGrid.rows(List.of(1.0), List.of(50L),
        List.of(TargetKind.BROKER, TargetKind.BROKER), OVERHEAD);
    assertThat(rows).containsExactly(new PlannedRow(TargetKind.BROKER, new Cell(1, 50)));
  }

  @Test
  void onlyTheOverheadPairSelectedRunsNoGrid() {
    List<PlannedRow> rows = BenchGrid.rows(List.of(1.0, 2.0), List.of(50L, 100L), List.of(TargetKind.DIRECT_SVM),
        OVERHEAD);
    assertThat(rows).containsExactly(new PlannedRow(TargetKind.DIRECT_SVM, OVERHEAD));
  }

  @Test
  void cellsRefuseBadLoadsAndBudgets() {
    assertThatThrownBy(() -> new Cell(0, 50)).hasMessageContaining("loadFactor");
    assertThatThrownBy(() -> new Cell(Double.POSITIVE_INFINITY, 50)).hasMessageContaining("loadFactor");
    assertThatThrownBy(() -> new Cell(1, 0)).hasMessageContaining("budgetMs");
  }
}
