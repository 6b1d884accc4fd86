package io.tbms.broker.backend;

import java.util.List;
import java.util.Optional;

/**
 * Picks which replica of a model takes the next call. Implementations must be thread-safe and
 * must not block: {@link Backends} calls them on every {@code infer}, from any thread.
 */
@FunctionalInterface
public interface ReplicaChooser {

  /**
   * @param model the model being called
   * @param replicas all its replicas, in registry order, never empty
   * @return the replica to call, or empty when none should be called now (the call then fails
   *     with {@code CIRCUIT_OPEN})
   */
  Optional<GuardedReplica> choose(String model, List<GuardedReplica> replicas);
}
