package io.tbms.broker.registry.internal;

import io.tbms.broker.registry.ModelConfig;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The decoded registry, recomputed whole from the shared map after every change.
 *
 * <p>Changes are reported on several threads at once (the registering caller and Hazelcast's
 * event threads, which deliver events of different keys in parallel), so recomputations are
 * serialized: one that read the map before a change can never be published after one that read
 * it later, and the listeners see the views in the order they were read. The last recomputation
 * follows the last change, so the published view is never stale for good. Thread-safe.
 */
final class RegistrySnapshot {

  private final Supplier<Map<String, ModelConfig>> decode;
  private volatile Map<String, ModelConfig> current;

  /** @param decode reads the shared map into an immutable view; called under this object's lock */
  RegistrySnapshot(Supplier<Map<String, ModelConfig>> decode) {
    this.decode = Objects.requireNonNull(decode, "decode");
    this.current = decode.get();
  }

  /** The last published view; never blocks. */
  Map<String, ModelConfig> get() {
    return current;
  }

  /** Re-reads the map, publishes the view and hands it to {@code listener}, all under one lock. */
  synchronized void refresh(Consumer<Map<String, ModelConfig>> listener) {
    Map<String, ModelConfig> view = decode.get();
    current = view;
    listener.accept(view);
  }
}
