package io.tbms.broker.backend;

/**
 * The broker's view of its backends: calls a model on one of its replicas (chosen by a
 * {@code ReplicaChooser}) through that replica's circuit breaker and bulkhead. Thread-safe.
 */
public interface ModelBackend {

  /**
   * Starts one {@code ModelInfer} call. Never throws for an expected failure: the returned
   * call's result fails with a {@link BackendException} instead.
   *
   * @param model the model name, as registered
   * @param version the model version, empty for the backend's choice
   */
  BackendCall infer(String model, String version, InferInput input);

  /** True when every replica of the model refuses calls (its circuit is open): skip it. */
  boolean circuitOpen(String model);
}
