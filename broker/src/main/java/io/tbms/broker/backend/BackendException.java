package io.tbms.broker.backend;

/**
 * A model call that failed, with the reason. Expected on the hot path, so it carries no stack
 * trace.
 */
public final class BackendException extends RuntimeException {

  public enum Reason {
    /** The replica's circuit breaker refuses calls. */
    CIRCUIT_OPEN,
    /** The replica's bulkhead is full. */
    BULKHEAD_FULL,
    /** The backend answered with an error status. */
    BACKEND_ERROR,
    /**
     * The backend gave up on the call because its deadline passed while it waited there (Triton's
     * {@code UNAVAILABLE} "Request timeout expired", gRPC {@code DEADLINE_EXCEEDED}): the call was
     * late, and the backend, loaded but alive, said so.
     */
    EXPIRED,
    /** The connection failed or was reset. */
    TRANSPORT,
    /** The backend's answer lacks the configured outputs or has the wrong shape. */
    BAD_RESPONSE,
    /** The caller cancelled the call. */
    CANCELLED,
    /** The model has no replica in the registry. */
    NO_REPLICA
  }

  private final Reason reason;

  public BackendException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
