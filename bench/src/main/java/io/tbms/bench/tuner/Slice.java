package io.tbms.bench.tuner;

import java.util.List;
import java.util.Objects;

/**
 * The cases of one part of the grid (all, one family, one largest batch size, …) summed up: how often
 * the tuner chose as the sweep did, the gaps, and its measurements against both sweep counts.
 * Immutable.
 *
 * @param label what the part is, e.g. {@code concave} or {@code 64}
 * @param cases how many cases
 * @param sameKind cases where tuner and sweep reached the same outcome kind
 * @param sameConfiguration cases with the same (b, r), or both unreachable
 * @param tunerOnMoreDevices cases where the tuner's configuration used more replicas than the sweep's
 * @param tunerOnFewerDevices cases where it used fewer
 * @param gapPercent per case, {@link CaseResult#gapPercent()}
 * @param measurements per case, the tuner's measurements
 * @param batchSizeSharePercent per case, {@link CaseResult#batchSizeSharePercent()}
 * @param configurationSharePercent per case, {@link CaseResult#configurationSharePercent()}
 * @param measurementsTotal the tuner's measurements, summed
 * @param batchSizesTotal the batch sizes a sweep measures, summed
 * @param configurationsTotal the (b, r) configurations a sweep on the devices available runs, summed
 */
record Slice(String label, int cases, int sameKind, int sameConfiguration, int tunerOnMoreDevices,
    int tunerOnFewerDevices, Distribution gapPercent, Distribution measurements, Distribution batchSizeSharePercent,
    Distribution configurationSharePercent, long measurementsTotal, long batchSizesTotal, long configurationsTotal) {

  Slice {
    Objects.requireNonNull(label, "label");
  }

  static Slice of(String label, List<CaseResult> results) {
    int sameKind = 0;
    int sameConfiguration = 0;
    int more = 0;
    int fewer = 0;
    long measured = 0;
    long batchSizes = 0;
    long configurations = 0;
    for (CaseResult r : results) {
      sameKind += r.sameKind() ? 1 : 0;
      sameConfiguration += r.sameConfiguration() ? 1 : 0;
      if (r.tunerChoice().isPresent() && r.sweepChoice().isPresent()) {
        int difference = r.tunerChoice().get().replicas() - r.sweepChoice().get().replicas();
        more += difference > 0 ? 1 : 0;
        fewer += difference < 0 ? 1 : 0;
      }
      measured += r.tunerMeasurements();
      batchSizes += r.tunerCase().maxBatchSize();
      configurations += r.tunerCase().sweepConfigurations();
    }
    return new Slice(label, results.size(), sameKind, sameConfiguration, more, fewer,
        Distribution.of(results.stream().mapToDouble(CaseResult::gapPercent)),
        Distribution.of(results.stream().mapToDouble(CaseResult::tunerMeasurements)),
        Distribution.of(results.stream().mapToDouble(CaseResult::batchSizeSharePercent)),
        Distribution.of(results.stream().mapToDouble(CaseResult::configurationSharePercent)),
        measured, batchSizes, configurations);
  }

  /** All the tuner's measurements over all the batch sizes the sweeps measure, in %. */
  double pooledBatchSizeSharePercent() {
    return batchSizesTotal == 0 ? 0 : 100.0 * measurementsTotal / batchSizesTotal;
  }

  /** All the tuner's measurements over all the configurations the sweeps run, in %. */
  double pooledConfigurationSharePercent() {
    return configurationsTotal == 0 ? 0 : 100.0 * measurementsTotal / configurationsTotal;
  }
}
