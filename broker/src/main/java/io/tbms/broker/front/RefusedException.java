package io.tbms.broker.front;

import java.util.Objects;

/**
 * A refused request, as the failure of the front's futures. Expected on the hot path, so it
 * carries no stack trace.
 *
 * @see Refusal for the HTTP and gRPC statuses
 */
public final class RefusedException extends RuntimeException {

  private final Refusal refusal;
  private final String field;

  /** @param field the request field at fault (e.g. {@code models[2].est_ms}), or null */
  public RefusedException(Refusal refusal, String field, String message) {
    super(message, null, false, false);
    this.refusal = Objects.requireNonNull(refusal, "refusal");
    this.field = field;
  }

  public static RefusedException of(BadRequest bad) {
    return new RefusedException(Refusal.INVALID_ARGUMENT, bad.field(), bad.toString());
  }

  public Refusal refusal() {
    return refusal;
  }

  /** The field at fault, or null. */
  public String field() {
    return field;
  }
}
