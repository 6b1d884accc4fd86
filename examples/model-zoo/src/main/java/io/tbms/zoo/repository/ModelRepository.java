package io.tbms.zoo.repository;

import io.tbms.zoo.runtime.InferenceException;
import io.tbms.zoo.runtime.ModelRunner;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The served models by name, and the lookups both fronts share: unknown model or version is
 * {@link InferenceException.Reason#NOT_FOUND}. Immutable after start; thread-safe.
 */
public final class ModelRepository {

  private final Map<String, ModelRunner> runners = new LinkedHashMap<>();

  public ModelRepository(Collection<ModelRunner> runners) {
    for (ModelRunner runner : runners) {
      this.runners.put(runner.spec().name(), runner);
    }
  }

  public Collection<ModelRunner> all() {
    return runners.values();
  }

  /**
   * @param version empty for "the latest", else must be {@link ModelSpec#VERSION}
   */
  public ModelRunner find(String name, String version) {
    ModelRunner runner = runners.get(name);
    if (runner == null) {
      throw InferenceException.notFound("Request for unknown model: '" + name + "' is not found");
    }
    if (version != null && !version.isEmpty() && !ModelSpec.VERSION.equals(version)) {
      throw InferenceException.notFound(
          "Request for unknown model: '" + name + "' version " + version + " is not found");
    }
    return runner;
  }

  /** Like {@link #find} but also requires the model to be loaded. */
  public ModelRunner findReady(String name, String version) {
    ModelRunner runner = find(name, version);
    if (!runner.ready()) {
      throw new InferenceException(
          InferenceException.Reason.UNAVAILABLE, "model '" + name + "' is not ready (unloaded)");
    }
    return runner;
  }

  public boolean allReady() {
    return runners.values().stream().allMatch(ModelRunner::ready);
  }
}
