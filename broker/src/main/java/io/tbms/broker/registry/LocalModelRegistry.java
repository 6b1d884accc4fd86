package io.tbms.broker.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A registry held by this broker alone (no cluster): for tools and tests. Thread-safe. */
public final class LocalModelRegistry implements ModelRegistry {

  private final Map<String, ModelConfig> models = new ConcurrentHashMap<>();
  private final List<Consumer<Map<String, ModelConfig>>> listeners = new CopyOnWriteArrayList<>();

  public LocalModelRegistry(List<ModelConfig> initial) {
    initial.forEach(model -> models.put(model.name(), model));
  }

  @Override
  public Optional<ModelConfig> model(String name) {
    return Optional.ofNullable(models.get(name));
  }

  @Override
  public Map<String, ModelConfig> models() {
    return Map.copyOf(new TreeMap<>(models));
  }

  @Override
  public void register(ModelConfig model) {
    models.put(model.name(), model);
    changed();
  }

  @Override
  public void setBatchSize(String model, int size) {
    ModelConfig current = model(model).orElseThrow(() -> new IllegalArgumentException("unknown model '" + model + "'"));
    models.put(model, current.withBatchSize(size));
    changed();
  }

  @Override
  public void onChange(Consumer<Map<String, ModelConfig>> listener) {
    listeners.add(listener);
  }

  private void changed() {
    Map<String, ModelConfig> snapshot = models();
    listeners.forEach(listener -> listener.accept(snapshot));
  }
}
