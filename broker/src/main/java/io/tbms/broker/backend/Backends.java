package io.tbms.broker.backend;

import io.tbms.broker.backend.internal.PendingCall;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.common.time.Clock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's models as callable backends: one {@link GuardedReplica} (client, circuit breaker,
 * bulkhead) per replica of each model, and a {@link ReplicaChooser} that picks one per call.
 *
 * <p>{@link #update} swaps in a new registry: replicas whose model, address, transport, device
 * and answer outputs are unchanged keep their client and circuit; the others are created, and the
 * removed ones closed. Thread-safe: calls read an immutable snapshot; updates are serialized.
 */
public final class Backends implements ModelBackend {

  private final ReplicaClientFactory clients;
  private final Clock clock;
  private final BackendConfig config;
  private final ReplicaChooser chooser;
  private volatile Map<String, List<GuardedReplica>> replicas = Map.of();
  private volatile CircuitListener circuitListener = CircuitListener.NONE;
  private Map<Key, GuardedReplica> byKey = Map.of();

  public Backends(Map<String, ModelConfig> models, ReplicaClientFactory clients, Clock clock,
      BackendConfig config, ReplicaChooser chooser) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    this.chooser = Objects.requireNonNull(chooser, "chooser");
    update(models);
  }

  /** Backends speaking KServe v2 over each replica's transport. */
  public static Backends create(Map<String, ModelConfig> models, Vertx vertx, Clock clock,
      BackendConfig config, ReplicaChooser chooser) {
    return new Backends(models, ReplicaClientFactory.kserve(vertx, config, clock), clock, config, chooser);
  }

  /**
   * Replaces the registry.
   *
   * @return completes when the clients of removed replicas are closed
   */
  public Future<Void> update(Map<String, ModelConfig> models) {
    List<GuardedReplica> removed;
    synchronized (this) {
      Map<Key, GuardedReplica> kept = new HashMap<>(byKey);
      Map<Key, GuardedReplica> nextByKey = new HashMap<>();
      Map<String, List<GuardedReplica>> next = new LinkedHashMap<>();
      for (ModelConfig model : models.values()) {
        List<GuardedReplica> list = new ArrayList<>();
        for (ReplicaConfig replica : model.replicas()) {
          Key key = new Key(model.name(), replica, AnswerOutputs.of(model));
          GuardedReplica guarded = kept.remove(key);
          if (guarded == null) {
            guarded = nextByKey.get(key);
          }
          if (guarded == null) {
            guarded = new GuardedReplica(model.name(), clients.create(model, replica), config, clock);
            watch(guarded);
          }
          nextByKey.put(key, guarded);
          list.add(guarded);
        }
        next.put(model.name(), List.copyOf(list));
      }
      removed = new ArrayList<>(kept.values());
      byKey = nextByKey;
      replicas = Map.copyOf(next);
    }
    return closeAll(removed);
  }

  /**
   * Tells {@code listener} of every circuit state change from now on, starting with each current
   * replica's state now (and each later replica's state when it is added).
   */
  public void onCircuitChange(CircuitListener listener) {
    circuitListener = Objects.requireNonNull(listener, "listener");
    replicas.values().forEach(list -> list.forEach(this::tellState));
  }

  private void watch(GuardedReplica guarded) {
    guarded.onStateChange(state -> circuitListener.changed(guarded.model(), guarded.client().replica().address(), state));
    tellState(guarded);
  }

  private void tellState(GuardedReplica guarded) {
    circuitListener.changed(guarded.model(), guarded.client().replica().address(), guarded.state());
  }

  @Override
  public BackendCall infer(String model, String version, InferInput input) {
    List<GuardedReplica> candidates = replicas.get(model);
    if (candidates == null || candidates.isEmpty()) {
      return PendingCall.failed(BackendException.Reason.NO_REPLICA, "no replica serves model '" + model + "'");
    }
    Optional<GuardedReplica> chosen = chooser.choose(model, candidates);
    if (chosen.isEmpty()) {
      return PendingCall.failed(BackendException.Reason.CIRCUIT_OPEN,
          "every replica of model '" + model + "' refuses calls");
    }
    return chosen.get().infer(version, input);
  }

  /** True when every replica refuses calls, and for a model without replicas. */
  @Override
  public boolean circuitOpen(String model) {
    for (GuardedReplica replica : replicas.getOrDefault(model, List.of())) {
      if (replica.callPermitted()) {
        return false;
      }
    }
    return true;
  }

  /** The model's replicas now, in registry order; empty for an unknown model. */
  public List<ReplicaStatus> status(String model) {
    List<ReplicaStatus> status = new ArrayList<>();
    for (GuardedReplica replica : replicas.getOrDefault(model, List.of())) {
      status.add(replica.status());
    }
    return List.copyOf(status);
  }

  /** The model's replicas now, guarded, in registry order; empty for an unknown model. */
  public List<GuardedReplica> replicas(String model) {
    return replicas.getOrDefault(model, List.of());
  }

  /** The model names, in no particular order. */
  public Set<String> models() {
    return replicas.keySet();
  }

  /** Closes every client; later calls fail with {@code NO_REPLICA}. */
  public Future<Void> close() {
    return update(Map.of());
  }

  private static Future<Void> closeAll(List<GuardedReplica> replicas) {
    List<Future<Void>> closing = new ArrayList<>();
    for (GuardedReplica replica : replicas) {
      closing.add(replica.close());
    }
    return Future.join(closing).mapEmpty();
  }

  private record Key(String model, ReplicaConfig replica, AnswerOutputs outputs) {}
}
