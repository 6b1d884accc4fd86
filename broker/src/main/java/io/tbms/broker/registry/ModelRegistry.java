package io.tbms.broker.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The models the broker serves and their live config (replicas, outputs, default estimate,
 * cross-request batch size). Reads are local and cheap (the hot path reads it per query);
 * writes reach every broker of the cluster. Thread-safe.
 */
public interface ModelRegistry {

  Optional<ModelConfig> model(String name);

  /** A snapshot, by name. */
  Map<String, ModelConfig> models();

  /** The names queries may use (models' names and aliases), over a snapshot; cheap to call per query. */
  default ModelNames names() {
    return ModelNames.of(models());
  }

  /** Adds or replaces a model. */
  void register(ModelConfig model);

  /**
   * Live config: the model's cross-request batch size from now on (the tuner calls this).
   *
   * @throws IllegalArgumentException for an unknown model or a size below 1
   */
  void setBatchSize(String model, int size);

  /**
   * Live config: the model's cross-request batch size and queue-delay cap ({@code null}: none)
   * from now on, in one change (the tuner calls this).
   *
   * @throws IllegalArgumentException for an unknown model, a size below 1 or a negative delay
   */
  void setBatching(String model, int size, Duration maxQueueDelay);

  /** Calls {@code listener} with a new snapshot after every change, on an unspecified thread. */
  void onChange(Consumer<Map<String, ModelConfig>> listener);
}
