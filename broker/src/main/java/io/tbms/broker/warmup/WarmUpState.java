package io.tbms.broker.warmup;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warm-up's progress per model and replica, and whether it lets the broker report ready.
 *
 * <p>The start-up warm-up is over when no replica is still {@linkplain ReplicaWarmth.Warming
 * warming}, and it succeeded when at least one replica answered. From the moment both hold, {@link
 * #done} stays true: replicas added or warmed later are reported, never make the broker cold
 * again. A replica that failed its warm-up does not hold readiness back — a model that is down
 * should not keep the others from serving; its error is reported, and its circuit and the
 * downgrade policy deal with it as with any failing model.
 *
 * <p>Thread-safe.
 */
public final class WarmUpState {

  private final Map<String, Map<String, ReplicaWarmth>> models = new LinkedHashMap<>();
  /** Latched: read without the lock on the hot path (every lag sample) once true. */
  private volatile boolean done;

  /** Sets one replica's state, replacing what it had. */
  public synchronized void set(String model, String address, ReplicaWarmth warmth) {
    models.computeIfAbsent(model, m -> new LinkedHashMap<>()).put(address, warmth);
  }

  /** Whether the start-up warm-up is over with at least one warm replica; once true, always true. */
  public boolean done() {
    return done || settleDone();
  }

  private synchronized boolean settleDone() {
    if (done) {
      return true;
    }
    boolean anyWarm = false;
    for (Map<String, ReplicaWarmth> replicas : models.values()) {
      for (ReplicaWarmth warmth : replicas.values()) {
        if (warmth instanceof ReplicaWarmth.Warming) {
          return false;
        }
        anyWarm |= warmth instanceof ReplicaWarmth.Warm;
      }
    }
    done = anyWarm;
    return done;
  }

  /** One replica's state, or null when it was never warmed. */
  public synchronized ReplicaWarmth get(String model, String address) {
    Map<String, ReplicaWarmth> replicas = models.get(model);
    return replicas == null ? null : replicas.get(address);
  }

  /** Per model, per replica address, {@link ReplicaWarmth#describe}. */
  public synchronized JsonObject toJson() {
    JsonObject json = new JsonObject();
    models.forEach((model, replicas) -> {
      JsonObject byAddress = new JsonObject();
      replicas.forEach((address, warmth) -> byAddress.put(address, warmth.describe()));
      json.put(model, byAddress);
    });
    return json;
  }

  /**
   * A model's summary for {@code /readyz}: {@code warm} when a replica answered, {@code warming}
   * while one is still out, else {@code warm-up failed}; null when the model was never warmed.
   */
  public synchronized String summary(String model) {
    Map<String, ReplicaWarmth> replicas = models.get(model);
    if (replicas == null || replicas.isEmpty()) {
      return null;
    }
    boolean warming = false;
    for (ReplicaWarmth warmth : replicas.values()) {
      if (warmth instanceof ReplicaWarmth.Warm) {
        return "warm";
      }
      warming |= warmth instanceof ReplicaWarmth.Warming;
    }
    return warming ? "warming" : "warm-up failed";
  }

  /** Why the warm-up is not done yet, naming what is still out or that nothing answered. */
  public synchronized String reason() {
    List<String> out = new ArrayList<>();
    models.forEach((model, replicas) -> replicas.forEach((address, warmth) -> {
      if (warmth instanceof ReplicaWarmth.Warming) {
        out.add(model + " at " + address);
      }
    }));
    if (!out.isEmpty()) {
      return "warming up: " + String.join(", ", out);
    }
    return models.isEmpty() ? "no model to warm up" : "no replica of any model answered its warm-up call";
  }
}
