package io.tbms.broker.registry;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The names a query may give for the registry's models: each model's own name and its {@linkplain
 * ModelConfig#aliases aliases}, each leading to the model's own name. Built from one registry
 * snapshot, so its view of the models is consistent. Immutable.
 *
 * <p>A broker's config file cannot declare a name twice ({@code BrokerConfig} refuses it), but
 * brokers of one cluster may start from different files; should two models then claim a name, a
 * model's own name wins over another's alias, and between two aliases the model first in name
 * order keeps it.
 */
public final class ModelNames {

  private final Map<String, ModelConfig> models;
  private final Map<String, String> canonical;

  private ModelNames(Map<String, ModelConfig> models, Map<String, String> canonical) {
    this.models = models;
    this.canonical = canonical;
  }

  /** @param models a registry snapshot, by model name */
  public static ModelNames of(Map<String, ModelConfig> models) {
    Map<String, ModelConfig> byName = Collections.unmodifiableMap(new TreeMap<>(models));
    Map<String, String> canonical = new HashMap<>();
    byName.keySet().forEach(name -> canonical.put(name, name));
    for (ModelConfig model : byName.values()) {
      for (String alias : model.aliases()) {
        canonical.putIfAbsent(alias, model.name());
      }
    }
    return new ModelNames(byName, Collections.unmodifiableMap(canonical));
  }

  /** The snapshot, by model name. */
  public Map<String, ModelConfig> models() {
    return models;
  }

  /** Every name a query may use: the models' names and their aliases. */
  public Set<String> known() {
    return canonical.keySet();
  }

  /** The model {@code name} stands for: itself for a model's name, the model for an alias. */
  public Optional<ModelConfig> resolve(String name) {
    String model = canonical.get(name);
    return model == null ? Optional.empty() : Optional.of(models.get(model));
  }
}
