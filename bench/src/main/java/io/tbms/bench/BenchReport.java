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
 * @param budgetMs the query budget
 * @param durationS the measured seconds of each run
 * @param warmupS the unmeasured seconds before
 * @param seed the seed of schedules and query order
 * @param testQueries how many distinct test utterances were cycled through
 * @param rows one per target and load
 * @param brokerOverhead the broker-overhead pair's difference, when both ran
 * @param skipped targets not run, with the reason
 */
public record BenchReport(
    double capacityQps,
    boolean capacityMeasured,
    long budgetMs,
    double durationS,
    double warmupS,
    long seed,
    int testQueries,
    List<LoadSummary> rows,
    Optional<BrokerOverhead> brokerOverhead,
    List<String> skipped) {

  public BenchReport {
    rows = List.copyOf(rows);
    skipped = List.copyOf(skipped);
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
      double capacityQps, boolean capacityMeasured, long budgetMs, double durationS, double warmupS, long seed,
      int testQueries, List<LoadSummary> rows, BrokerOverhead brokerOverhead, List<String> skipped) {
    Json(BenchReport r) {
      this(r.capacityQps, r.capacityMeasured, r.budgetMs, r.durationS, r.warmupS, r.seed, r.testQueries, r.rows,
          r.brokerOverhead.orElse(null), r.skipped);
    }
  }
}
