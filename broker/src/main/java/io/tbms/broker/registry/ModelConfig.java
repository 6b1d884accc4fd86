package io.tbms.broker.registry;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A model as the registry knows it: its replicas, which KServe outputs hold the answer, the
 * estimate used when a caller gives none, and its cross-request batch size (live config may
 * change the batch size later; the tuner drives it).
 *
 * @param name the model name callers use in their chains
 * @param replicas at least one
 * @param labelOutput the output tensor holding the answer label, default {@code LABEL}
 * @param scoreOutput the output tensor holding its score, default {@code SCORE}
 * @param defaultEstimate the estimate for chain entries without {@code est_ms}
 * @param batchSize the most queries one cross-request {@code ModelInfer} may carry, {@code >= 1}
 * @param maxQueueDelay the longest a cross-request query waits for its batch to fill, on top of
 *     its own {@code cross_lag_ms} and deadline; {@code null}: no cap beyond those (the tuner sets it)
 * @param aliases other names a query may give for this model (e.g. the seed's {@code keysearch}
 *     for {@code keyword}); distinct, none blank or equal to {@code name}. A query naming an alias
 *     is served by this model, and its answer, trace, metrics and report name the model by {@code
 *     name}, so labels stay one per model. Uniqueness across models is {@code BrokerConfig}'s check.
 */
public record ModelConfig(
    String name, List<ReplicaConfig> replicas, String labelOutput, String scoreOutput,
    Duration defaultEstimate, int batchSize, Duration maxQueueDelay, List<String> aliases) {

  public static final String DEFAULT_LABEL_OUTPUT = "LABEL";
  public static final String DEFAULT_SCORE_OUTPUT = "SCORE";
  public static final int DEFAULT_BATCH_SIZE = 8;

  public ModelConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(labelOutput, "labelOutput");
    Objects.requireNonNull(scoreOutput, "scoreOutput");
    Objects.requireNonNull(defaultEstimate, "defaultEstimate");
    replicas = List.copyOf(replicas);
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException("model '" + name + "' needs at least one replica");
    }
    if (defaultEstimate.isNegative()) {
      throw new IllegalArgumentException("defaultEstimate must be >= 0, was " + defaultEstimate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
    if (maxQueueDelay != null && maxQueueDelay.isNegative()) {
      throw new IllegalArgumentException("maxQueueDelay must be >= 0, was " + maxQueueDelay);
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < aliases.size(); i++) {
      String alias = aliases.get(i);
      if (alias.isBlank()) {
        throw new IllegalArgumentException("aliases[" + i + "] must not be blank");
      }
      if (alias.equals(name)) {
        throw new IllegalArgumentException("aliases[" + i + "] '" + alias + "' is the model's own name");
      }
      if (!seen.add(alias)) {
        throw new IllegalArgumentException("aliases[" + i + "] '" + alias + "' is listed twice");
      }
    }
  }

  /** Without aliases. */
  public ModelConfig(String name, List<ReplicaConfig> replicas, String labelOutput, String scoreOutput,
      Duration defaultEstimate, int batchSize, Duration maxQueueDelay) {
    this(name, replicas, labelOutput, scoreOutput, defaultEstimate, batchSize, maxQueueDelay, List.of());
  }

  /** Without a queue-delay cap or aliases. */
  public ModelConfig(String name, List<ReplicaConfig> replicas, String labelOutput, String scoreOutput,
      Duration defaultEstimate, int batchSize) {
    this(name, replicas, labelOutput, scoreOutput, defaultEstimate, batchSize, null, List.of());
  }

  /** How many devices serve the model, over all its replicas: how many calls it runs side by side. */
  public int devices() {
    int devices = 0;
    for (ReplicaConfig replica : replicas) {
      devices += replica.devices().size();
    }
    return devices;
  }

  public ModelConfig withBatchSize(int size) {
    return withBatching(size, maxQueueDelay);
  }

  /** The same model with another batch size and queue-delay cap ({@code null}: none). */
  public ModelConfig withBatching(int size, Duration queueDelay) {
    return new ModelConfig(name, replicas, labelOutput, scoreOutput, defaultEstimate, size, queueDelay, aliases);
  }

  /** The same model under these other names. */
  public ModelConfig withAliases(List<String> otherNames) {
    return new ModelConfig(name, replicas, labelOutput, scoreOutput, defaultEstimate, batchSize, maxQueueDelay,
        otherNames);
  }
}
