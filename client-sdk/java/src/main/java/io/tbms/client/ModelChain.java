package io.tbms.client;

import java.util.List;
import java.util.Objects;

/**
 * The ordered chain of models a query tries, best first (docs/design.md §2): entry {@code i} fires at
 * {@code t0 + min(sum of estMs of the entries before i, budget)}. Immutable and thread-safe.
 *
 * <pre>{@code
 * import static io.tbms.client.ModelChain.model;
 * ModelChain chain = ModelChain.of(model("embedding", 35), model("svm", 25), model("keyword", 5));
 * }</pre>
 *
 * <p>Holds 1..{@value #MAX_MODELS} models. Whether the names are known is the broker's to say
 * ({@link InvalidRequestException} with field {@code models[i].name}).
 */
public final class ModelChain {

  /** The most models a chain (or a mix group) may hold. */
  public static final int MAX_MODELS = 16;

  private final List<Model> models;

  private ModelChain(List<Model> models) {
    this.models = models;
  }

  /** A model with the caller's latency estimate in milliseconds; static-import it. */
  public static Model model(String name, double estMs) {
    return new Model(name, estMs, null);
  }

  /** A chain of {@code models}, best first. */
  public static ModelChain of(Model... models) {
    Objects.requireNonNull(models, "models must not be null");
    return of(List.of(models));
  }

  /** A chain of {@code models}, best first; the list is copied. */
  public static ModelChain of(List<Model> models) {
    return new ModelChain(checked(models, "models"));
  }

  /** The models, best first; unmodifiable. */
  public List<Model> models() {
    return models;
  }

  static List<Model> checked(List<Model> models, String field) {
    Objects.requireNonNull(models, field + " must not be null");
    if (models.isEmpty() || models.size() > MAX_MODELS) {
      throw new IllegalArgumentException(field + " must hold 1.." + MAX_MODELS + " models, held " + models.size());
    }
    for (int i = 0; i < models.size(); i++) {
      if (models.get(i) == null) {
        throw new IllegalArgumentException(field + "[" + i + "] must not be null");
      }
    }
    return List.copyOf(models);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelChain other && models.equals(other.models);
  }

  @Override
  public int hashCode() {
    return models.hashCode();
  }

  @Override
  public String toString() {
    return "ModelChain" + models;
  }
}
