package io.tbms.bench.tuner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tbms.tuner.BatchConfiguration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The results of one tuner bench run: every case, and the slices the report reads (all, by family,
 * by largest batch size, by largest batch size and devices, by the sweep's outcome). Immutable.
 *
 * @param config the grid and thresholds
 * @param shapes the models of the grid
 * @param results one per case, in grid order
 */
record TunerBenchReport(TunerBenchConfig config, List<BatchTimeShape> shapes, List<CaseResult> results) {

  private static final ObjectMapper JSON = new ObjectMapper();

  TunerBenchReport {
    Objects.requireNonNull(config, "config");
    shapes = List.copyOf(shapes);
    results = List.copyOf(results);
  }

  /** Builds the grid of {@code config} and runs every case; pure, on the caller's thread. */
  static TunerBenchReport run(TunerBenchConfig config) {
    List<CaseResult> results = new ArrayList<>();
    for (TunerCase c : TunerGrid.cases(config)) {
      results.add(TunerComparison.run(c, config.headroom()));
    }
    return new TunerBenchReport(config, TunerGrid.shapes(config), results);
  }

  Slice all() {
    return Slice.of("all", results);
  }

  List<Slice> byFamily() {
    return slices(r -> r.tunerCase().shape().family());
  }

  List<Slice> byMaxBatchSize() {
    return slices(r -> Integer.toString(r.tunerCase().maxBatchSize()));
  }

  /** Labels {@code "64x4"}: largest batch size × devices. */
  List<Slice> byMaxBatchSizeAndDevices() {
    return slices(r -> r.tunerCase().maxBatchSize() + "x" + r.tunerCase().maxReplicas());
  }

  /** In the order recommended, needs_more_devices, unreachable; kinds with no case left out. */
  List<Slice> bySweepOutcome() {
    List<Slice> slices = new ArrayList<>(slices(r -> r.sweepKind().id()));
    slices.sort(Comparator.comparing(s -> ChoiceKind.valueOf(s.label().toUpperCase(Locale.ROOT))));
    return slices;
  }

  /** The {@code count} cases with the largest gap, then the most measurements relative to the batch sizes. */
  List<CaseResult> worst(int count) {
    return results.stream()
        .sorted(Comparator.comparingDouble(CaseResult::gapPercent)
            .thenComparingDouble(CaseResult::batchSizeSharePercent).reversed())
        .limit(count)
        .toList();
  }

  /** How many shapes of each family, in grid order, e.g. {@code concave=18}. */
  Map<String, Long> shapesByFamily() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (BatchTimeShape s : shapes) {
      counts.merge(s.family(), 1L, Long::sum);
    }
    return counts;
  }

  private List<Slice> slices(Function<CaseResult, String> key) {
    Map<String, List<CaseResult>> groups = new LinkedHashMap<>();
    for (CaseResult r : results) {
      groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
    }
    List<Slice> slices = new ArrayList<>();
    groups.forEach((label, group) -> slices.add(Slice.of(label, group)));
    return slices;
  }

  /** One JSON object: the grid, the slices and the {@code worst} cases. */
  ObjectNode toJson(int worst) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode grid = root.putObject("grid");
    grid.put("seed", config.seed());
    grid.put("shapes", shapes.size());
    grid.set("shapes_by_family", JSON.valueToTree(shapesByFamily()));
    grid.set("max_batch_sizes", JSON.valueToTree(config.maxBatchSizes()));
    grid.set("max_replicas", JSON.valueToTree(config.maxReplicas()));
    grid.set("qps", JSON.valueToTree(config.qps()));
    grid.set("lag_targets_over_t1", JSON.valueToTree(config.lagTargets()));
    grid.put("headroom", config.headroom());
    grid.put("noise_percent", config.noisePercent());
    grid.put("gap_tolerance_percent", config.gapTolerancePercent());
    grid.put("measurement_target_percent", config.measurementTargetPercent());
    root.set("all", json(all()));
    root.set("by_family", json(byFamily()));
    root.set("by_max_batch_size", json(byMaxBatchSize()));
    root.set("by_max_batch_size_and_devices", json(byMaxBatchSizeAndDevices()));
    root.set("by_sweep_outcome", json(bySweepOutcome()));
    ArrayNode cases = root.putArray("worst");
    worst(worst).forEach(r -> cases.add(json(r)));
    return root;
  }

  private ArrayNode json(List<Slice> slices) {
    ArrayNode array = JSON.createArrayNode();
    slices.forEach(s -> array.add(json(s)));
    return array;
  }

  private ObjectNode json(Slice s) {
    ObjectNode node = JSON.createObjectNode();
    node.put("label", s.label());
    node.put("cases", s.cases());
    node.put("same_outcome", s.sameKind());
    node.put("same_configuration", s.sameConfiguration());
    node.put("tuner_on_more_devices", s.tunerOnMoreDevices());
    node.put("tuner_on_fewer_devices", s.tunerOnFewerDevices());
    node.put("gap_max_percent", s.gapPercent().max());
    node.put("gap_mean_percent", s.gapPercent().mean());
    node.put("within_tolerance_percent", s.gapPercent().percentAtMost(config.gapTolerancePercent()));
    node.put("measurements_mean", s.measurements().mean());
    node.put("measurements_max", (int) s.measurements().max());
    node.put("measurements_total", s.measurementsTotal());
    share(node.putObject("share_of_batch_sizes"), s.batchSizeSharePercent(), s.pooledBatchSizeSharePercent());
    share(node.putObject("share_of_configurations"), s.configurationSharePercent(),
        s.pooledConfigurationSharePercent());
    return node;
  }

  private void share(ObjectNode node, Distribution d, double pooled) {
    node.put("mean_percent", d.mean());
    node.put("median_percent", d.median());
    node.put("max_percent", d.max());
    node.put("pooled_percent", pooled);
    node.put("cases_within_target_percent", d.percentAtMost(config.measurementTargetPercent()));
  }

  private static ObjectNode json(CaseResult r) {
    ObjectNode node = JSON.createObjectNode();
    TunerCase c = r.tunerCase();
    node.put("shape", c.shape().name());
    node.put("family", c.shape().family());
    node.put("max_batch_size", c.maxBatchSize());
    node.put("max_replicas", c.maxReplicas());
    node.put("qps", c.qps());
    node.put("lag_target_ms", c.lagTargetMillis());
    choice(node.putObject("tuner"), r.tunerKind(), r.tunerChoice());
    choice(node.putObject("sweep"), r.sweepKind(), r.sweepChoice());
    node.put("gap_percent", r.gapPercent());
    node.put("measurements", r.tunerMeasurements());
    return node;
  }

  private static void choice(ObjectNode node, ChoiceKind kind, Optional<BatchConfiguration> choice) {
    node.put("outcome", kind.id());
    choice.ifPresent(c -> {
      node.put("batch_size", c.batchSize());
      node.put("replicas", c.replicas());
      node.put("lag_ms", c.lagMillis());
      node.put("capacity_qps", CaseResult.capacityQps(c));
    });
  }
}
