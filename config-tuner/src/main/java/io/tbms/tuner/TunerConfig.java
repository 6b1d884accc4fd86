package io.tbms.tuner;

/**
 * Settings of the {@link Recommender} that do not depend on the traffic.
 *
 * @param headroom the share of {@code QPS_max(b)} a replica may be offered: a configuration qualifies
 *     only when {@code q per replica <= headroom × QPS_max(b)}; in (0, 1], default
 *     {@value #DEFAULT_HEADROOM}
 * @param maxReplicas the devices available to the model, one replica each; at least 1, default
 *     {@value #DEFAULT_MAX_REPLICAS}. Configurations needing more are reported, not chosen.
 * @param maxBatchSize the largest batch size considered; at least 1, default {@value #DEFAULT_MAX_BATCH_SIZE}
 */
public record TunerConfig(double headroom, int maxReplicas, int maxBatchSize) {

  public static final double DEFAULT_HEADROOM = 0.8;
  public static final int DEFAULT_MAX_REPLICAS = 4;
  public static final int DEFAULT_MAX_BATCH_SIZE = 64;

  public TunerConfig {
    if (!(headroom > 0 && headroom <= 1)) {
      throw new IllegalArgumentException("headroom must be in (0, 1], was " + headroom);
    }
    if (maxReplicas < 1) {
      throw new IllegalArgumentException("maxReplicas must be >= 1, was " + maxReplicas);
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1, was " + maxBatchSize);
    }
  }

  public static TunerConfig ofDefaults() {
    return new TunerConfig(DEFAULT_HEADROOM, DEFAULT_MAX_REPLICAS, DEFAULT_MAX_BATCH_SIZE);
  }

  public TunerConfig withHeadroom(double value) {
    return new TunerConfig(value, maxReplicas, maxBatchSize);
  }

  public TunerConfig withMaxReplicas(int value) {
    return new TunerConfig(headroom, value, maxBatchSize);
  }

  public TunerConfig withMaxBatchSize(int value) {
    return new TunerConfig(headroom, maxReplicas, value);
  }
}
