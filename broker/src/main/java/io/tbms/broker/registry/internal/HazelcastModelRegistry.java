package io.tbms.broker.registry.internal;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.MapEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import com.hazelcast.core.EntryListener;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ModelConfigJson;
import io.tbms.broker.registry.ModelNames;
import io.tbms.broker.registry.ModelRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The registry in a Hazelcast {@link ReplicatedMap} ({@value #MAP}): every member holds a full
 * copy, so reads on the hot path never leave the process, and a change made on one broker
 * reaches the others. Values are the JSON of {@link ModelConfigJson}.
 */
public final class HazelcastModelRegistry implements ModelRegistry {

  public static final String MAP = "tbms.registry.models";

  private final ReplicatedMap<String, String> map;
  private final List<Consumer<Map<String, ModelConfig>>> listeners = new CopyOnWriteArrayList<>();
  /** Decoded once per change, not per read. */
  private final RegistrySnapshot snapshot;
  /** The snapshot's names and aliases, rebuilt with it (in the same order as the snapshots). */
  private volatile ModelNames names;

  public HazelcastModelRegistry(HazelcastInstance hazelcast) {
    this.map = hazelcast.getReplicatedMap(MAP);
    this.snapshot = new RegistrySnapshot(this::decode);
    this.names = ModelNames.of(snapshot.get());
    map.addEntryListener(new Changes());
    // a member that started alone and merged into a larger cluster has its copy replaced without
    // entry events: re-read it, or this broker would keep serving its own file's config
    hazelcast.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
        changed();
      }
    });
  }

  @Override
  public Optional<ModelConfig> model(String name) {
    return Optional.ofNullable(snapshot.get().get(name));
  }

  @Override
  public Map<String, ModelConfig> models() {
    return snapshot.get();
  }

  @Override
  public ModelNames names() {
    return names;
  }

  @Override
  public void register(ModelConfig model) {
    map.put(model.name(), ModelConfigJson.toJson(model).encode());
    changed();
  }

  private Map<String, ModelConfig> decode() {
    Map<String, ModelConfig> models = new TreeMap<>();
    map.forEach((name, json) -> models.put(name, ModelConfigJson.fromJson(new JsonObject(json))));
    return Collections.unmodifiableMap(models);
  }

  @Override
  public void setBatchSize(String model, int size) {
    ModelConfig current = model(model).orElseThrow(() -> new IllegalArgumentException("unknown model '" + model + "'"));
    register(current.withBatchSize(size));
  }

  @Override
  public void setBatching(String model, int size, Duration maxQueueDelay) {
    ModelConfig current = model(model).orElseThrow(() -> new IllegalArgumentException("unknown model '" + model + "'"));
    register(current.withBatching(size, maxQueueDelay));
  }

  @Override
  public void onChange(Consumer<Map<String, ModelConfig>> listener) {
    listeners.add(listener);
  }

  private void changed() {
    snapshot.refresh(view -> {
      names = ModelNames.of(view);
      listeners.forEach(listener -> listener.accept(view));
    });
  }

  private final class Changes implements EntryListener<String, String> {
    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      changed();
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
      changed();
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> event) {
      changed();
    }

    @Override
    public void entryEvicted(EntryEvent<String, String> event) {
      changed();
    }

    @Override
    public void entryExpired(EntryEvent<String, String> event) {
      changed();
    }

    @Override
    public void mapCleared(MapEvent event) {
      changed();
    }

    @Override
    public void mapEvicted(MapEvent event) {
      changed();
    }
  }
}
