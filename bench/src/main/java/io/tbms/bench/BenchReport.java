package io.tbms.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole result of a bench run, as written to the JSON file.
 *
 * @param capacityQps the embedding model's capacity the loads are multiples of
 * @param capacityMeasured whether it was measured in this run (or given)
 * @param budgetsMs the grid's budgets, in milliseconds
 * @param durationS the measured seconds of each row
 * @param warmupS the unmeasured seconds before
 * @param seed the seed of schedules and query order
 * @param testQueries how many distinct test utterances were cycled through
 * @param models the chain's models as profiled for the oracle (empty when it was skipped)
 * @param rows one per target and cell, in run order
 * @param oracle one capacity-oracle row per cell (empty when the oracle was skipped)
 * @param summary one verdict per broker row, against the acceptance lines
 * @param brokerOverhead the broker-overhead pair's difference, when both ran
 * @param skipped targets not run, with the reason
 */
public record BenchReport(
    double capacityQps,
    boolean capacityMeasured,
    List<Long> budgetsMs,
    double durationS,
    double warmupS,
    long seed,
    int testQueries,
    List<ModelQuality> models,
    List<LoadSummary> rows,
    List<OracleRow> oracle,
    List<CellVerdict> summary,
    Optional<BrokerOverhead> brokerOverhead,
    List<String> skipped) {

  public BenchReport {
    budgetsMs = List.copyOf(budgetsMs);
    models = List.copyOf(models);
    rows = List.copyOf(rows);
    oracle = List.copyOf(oracle);
    summary = List.copyOf(summary);
    skipped = List.copyOf(skipped);
  }

  /** The oracle row of a cell, if the oracle ran. */
  Optional<OracleRow> oracleOf(BenchGrid.Cell cell) {
    return oracle.stream().filter(o -> o.cell().equals(cell)).findFirst();
  }

  void writeJson(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    json.writeValue(file.toFile(), new Json(this));
  }

  /** The JSON shape: the optional overhead as a value or {@code null}. */
  private record Json(
      double capacityQps, boolean capacityMeasured, List<Long> budgetsMs, double durationS, double warmupS,
      long seed, int testQueries, List<ModelQuality> models, List<LoadSummary> rows, List<OracleRow> oracle,
      List<CellVerdict> summary, BrokerOverhead brokerOverhead, List<String> skipped) {
    Json(BenchReport r) {
      this(r.capacityQps, r.capacityMeasured, r.budgetsMs, r.durationS, r.warmupS, r.seed, r.testQueries, r.models,
          r.rows, r.oracle, r.summary, r.brokerOverhead.orElse(null), r.skipped);
    }
  }
}
