package io.tbms.resources;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link ResourceManager}. Immutable; the constructor rejects bad values with a
 * message naming the field.
 *
 * @param targets the backends to track
 * @param scrapeInterval how often the metrics endpoints are scraped
 * @param cpuCores the CPU capacity of a backend's host, in cores: a CPU model's share is its
 *     compute seconds per second divided by this
 * @param roomThreshold a device has room for another replica when its use plus the replica's share
 *     stays at or below this (0..1]
 * @param hotThreshold a device at or above this use (0..1] is hot
 * @param coLocateBelow GPUs used less than this (0..1) are candidates for co-location
 * @param coLocateTarget co-location never fills a GPU beyond this (0..1]
 * @param nvidiaSmi read local GPUs with {@code nvidia-smi} when it is on the PATH
 * @param gpuNames {@code gpu_uuid} to the device name to use for it, instead of {@code gpu<index>}
 */
public record ResourceManagerConfig(
    List<Target> targets, Duration scrapeInterval, int cpuCores, double roomThreshold, double hotThreshold,
    double coLocateBelow, double coLocateTarget, boolean nvidiaSmi, Map<String, String> gpuNames) {

  public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(1);
  /** How often the inventory is rediscovered from the backends. */
  public static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(10);
  public static final double DEFAULT_ROOM_THRESHOLD = 0.85;
  public static final double DEFAULT_HOT_THRESHOLD = 0.85;
  public static final double DEFAULT_CO_LOCATE_BELOW = 0.30;
  public static final double DEFAULT_CO_LOCATE_TARGET = 0.70;

  public ResourceManagerConfig {
    targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
    Objects.requireNonNull(scrapeInterval, "scrapeInterval");
    if (scrapeInterval.isNegative() || scrapeInterval.isZero()) {
      throw new IllegalArgumentException("scrapeInterval must be > 0, was " + scrapeInterval);
    }
    if (scrapeInterval.toMillis() < 1) {
      throw new IllegalArgumentException("scrapeInterval must be at least 1ms, was " + scrapeInterval);
    }
    if (cpuCores < 1) {
      throw new IllegalArgumentException("cpuCores must be >= 1, was " + cpuCores);
    }
    fraction("roomThreshold", roomThreshold);
    fraction("hotThreshold", hotThreshold);
    fraction("coLocateTarget", coLocateTarget);
    fraction("coLocateBelow", coLocateBelow);
    if (coLocateBelow >= coLocateTarget) {
      throw new IllegalArgumentException(
          "coLocateBelow must be < coLocateTarget (" + coLocateTarget + "), was " + coLocateBelow);
    }
    gpuNames = Map.copyOf(Objects.requireNonNull(gpuNames, "gpuNames"));
    gpuNames.forEach((uuid, name) -> {
      if (uuid.isBlank() || name.isBlank() || name.contains("/")) {
        throw new IllegalArgumentException(
            "gpuNames must map non-blank uuids to non-blank names without '/', was " + uuid + " -> '" + name + "'");
      }
    });
    if (gpuNames.values().stream().distinct().count() != gpuNames.size()) {
      throw new IllegalArgumentException("gpuNames must give each uuid its own name, was " + gpuNames);
    }
  }

  private static void fraction(String field, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(field + " must be in (0, 1], was " + value);
    }
  }

  /** No targets, the defaults above, the JVM's available processors, nvidia-smi if present. */
  public static ResourceManagerConfig ofDefaults() {
    return new ResourceManagerConfig(List.of(), DEFAULT_SCRAPE_INTERVAL, Runtime.getRuntime().availableProcessors(),
        DEFAULT_ROOM_THRESHOLD, DEFAULT_HOT_THRESHOLD, DEFAULT_CO_LOCATE_BELOW, DEFAULT_CO_LOCATE_TARGET, true, Map.of());
  }

  public ResourceManagerConfig withTargets(List<Target> replacement) {
    return new ResourceManagerConfig(replacement, scrapeInterval, cpuCores, roomThreshold, hotThreshold,
        coLocateBelow, coLocateTarget, nvidiaSmi, gpuNames);
  }

  public ResourceManagerConfig withScrapeInterval(Duration replacement) {
    return new ResourceManagerConfig(targets, replacement, cpuCores, roomThreshold, hotThreshold,
        coLocateBelow, coLocateTarget, nvidiaSmi, gpuNames);
  }

  public ResourceManagerConfig withCpuCores(int replacement) {
    return new ResourceManagerConfig(targets, scrapeInterval, replacement, roomThreshold, hotThreshold,
        coLocateBelow, coLocateTarget, nvidiaSmi, gpuNames);
  }

  public ResourceManagerConfig withThresholds(double room, double hot, double below, double target) {
    return new ResourceManagerConfig(targets, scrapeInterval, cpuCores, room, hot, below, target, nvidiaSmi, gpuNames);
  }

  public ResourceManagerConfig withNvidiaSmi(boolean replacement) {
    return new ResourceManagerConfig(targets, scrapeInterval, cpuCores, roomThreshold, hotThreshold,
        coLocateBelow, coLocateTarget, replacement, gpuNames);
  }

  public ResourceManagerConfig withGpuNames(Map<String, String> replacement) {
    return new ResourceManagerConfig(targets, scrapeInterval, cpuCores, roomThreshold, hotThreshold,
        coLocateBelow, coLocateTarget, nvidiaSmi, replacement);
  }
}
