package io.tbms.broker.backend.internal;

import io.tbms.broker.backend.BackendException;
import io.tbms.broker.registry.ReplicaConfig;

/** Turns what a transport throws into a {@link BackendException}. */
final class Failures {

  private Failures() {}

  /** A {@code BackendException} as is; anything else is a {@code TRANSPORT} failure. */
  static BackendException of(ReplicaConfig replica, Throwable failure) {
    if (failure instanceof BackendException known) {
      return known;
    }
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return new BackendException(BackendException.Reason.TRANSPORT, replica.address() + ": " + message);
  }

  static BackendException backendError(ReplicaConfig replica, String message) {
    return new BackendException(BackendException.Reason.BACKEND_ERROR, replica.address() + ": " + message);
  }

  /** Triton's message for a request whose timeout expired in its queue. */
  static final String TIMEOUT_EXPIRED = "Request timeout expired";

  /** The call's deadline passed at the backend: {@code EXPIRED}, not an error of the backend's. */
  static BackendException expired(ReplicaConfig replica, String message) {
    return new BackendException(BackendException.Reason.EXPIRED, replica.address() + ": " + message);
  }
}
