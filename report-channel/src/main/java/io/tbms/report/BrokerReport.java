package io.tbms.report;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One broker's counts, as it shares them with the cluster: its recent buckets and what its
 * circuits say now. Immutable and serializable.
 *
 * @param broker the broker's cluster member id
 * @param atWallMillis when it was taken
 * @param buckets the buckets of the window that have counts, oldest first
 * @param circuits per model, per replica {@code host:port}: the circuit state's name
 */
public record BrokerReport(String broker, long atWallMillis, List<BucketCounts> buckets,
    Map<String, Map<String, String>> circuits) implements Serializable {

  public BrokerReport {
    buckets = List.copyOf(buckets);
    circuits = Map.copyOf(circuits);
  }
}
