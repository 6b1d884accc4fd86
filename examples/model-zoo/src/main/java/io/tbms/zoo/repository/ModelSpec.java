package io.tbms.zoo.repository;

import io.tbms.zoo.batching.DynamicBatchingConfig;
import java.util.List;
import java.util.Objects;

/**
 * A model as the repository serves it: name, the backend that computes it, its dynamic batching
 * and where its instances run. Version is always {@code 1}: models are trained at start-up.
 *
 * @param name the model name, e.g. {@code embedding}
 * @param backend a Triton-style backend/platform name shown in metadata, e.g. {@code onnxruntime}
 * @param batching the dynamic batcher's settings
 * @param instances one entry per instance; at least one
 */
public record ModelSpec(
    String name, String backend, DynamicBatchingConfig batching, List<InstancePlacement> instances) {

  public static final String VERSION = "1";

  public ModelSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(batching, "batching");
    instances = List.copyOf(instances);
    if (instances.isEmpty()) {
      throw new IllegalArgumentException("model " + name + " needs at least one instance");
    }
  }

  /** This model with other dynamic batching settings. */
  public ModelSpec withBatching(DynamicBatchingConfig replacement) {
    return new ModelSpec(name, backend, replacement, instances);
  }
}
