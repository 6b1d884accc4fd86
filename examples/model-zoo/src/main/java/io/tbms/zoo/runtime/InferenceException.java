package io.tbms.zoo.runtime;

/**
 * Why an inference request was refused or failed. The server maps {@link Reason} to an HTTP
 * status and a gRPC status at its edges; the message names what is wrong and goes to the caller.
 */
public final class InferenceException extends RuntimeException {

  /** The failure family, in the terms of gRPC status codes. */
  public enum Reason {
    INVALID_ARGUMENT,
    NOT_FOUND,
    UNAVAILABLE,
    RESOURCE_EXHAUSTED,
    /** The caller withdrew the request before it ran. */
    CANCELLED,
    INTERNAL
  }

  private final Reason reason;

  public InferenceException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public static InferenceException invalid(String message) {
    return new InferenceException(Reason.INVALID_ARGUMENT, message);
  }

  public static InferenceException notFound(String message) {
    return new InferenceException(Reason.NOT_FOUND, message);
  }
}
