package io.tbms.broker.backend;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tbms.broker.registry.ReplicaConfig;

/**
 * A snapshot of one replica of one model, for status pages and choosers. Immutable.
 *
 * @param model the model name
 * @param replica where it is served
 * @param circuit the circuit breaker's state
 * @param callPermitted whether a call now would pass the circuit (an open circuit whose wait is
 *     over lets probe calls through)
 * @param outstanding calls sent and not yet finished
 * @param failureRatePercent the failed share of recent calls, {@code -1} until the breaker has
 *     recorded its minimum number of calls
 */
public record ReplicaStatus(
    String model, ReplicaConfig replica, CircuitBreaker.State circuit, boolean callPermitted,
    int outstanding, float failureRatePercent) {}
