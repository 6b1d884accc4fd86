package io.tbms.broker.backend;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Told when a replica's circuit breaker changes state. Called on the thread that caused the change
 * (any thread): keep it quick and never block.
 */
@FunctionalInterface
public interface CircuitListener {

  /**
   * @param model the model the replica serves
   * @param address the replica's {@code host:port}
   * @param state the state it is in now
   */
  void changed(String model, String address, CircuitBreaker.State state);

  CircuitListener NONE = (model, address, state) -> {};
}
