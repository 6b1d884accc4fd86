package io.tbms.client;

import java.util.Objects;

/**
 * A query the broker refused, or one that could not reach the broker or get its answer in time.
 * The base of the client's one family of unchecked exceptions; catch a subclass to tell the
 * kinds apart:
 *
 * <ul>
 *   <li>{@link AuthException}: the credentials or the instance claim were refused;
 *   <li>{@link InvalidRequestException}: the query itself is wrong (a field, or its size);
 *   <li>{@link OverloadedException}: the broker is overloaded, retry after {@link OverloadedException#retryAfter()};
 *   <li>{@link UnavailableException}: no answer (connection, broker fault, deadline).
 * </ul>
 *
 * <p>A query that merely ran out of time is not an exception: its {@link Answer} is
 * {@linkplain Answer#isEmpty() empty}. The client never retries on its own: no retry could fit
 * the budget. A plain {@code TbmsException} is a gRPC status the client has no better class for
 * (e.g. {@code UNIMPLEMENTED} from a server that is not a TBMS broker).
 */
public class TbmsException extends RuntimeException {

  private final String status;
  private final String field;

  /**
   * @param status the gRPC status name (e.g. {@code INVALID_ARGUMENT}) or a transport reason (e.g.
   *     {@link UnavailableException#DEADLINE_EXCEEDED})
   * @param message the broker's message, or the client's description of a transport failure
   * @param field the request field at fault (e.g. {@code models[1].est_ms}), or null
   * @param cause the underlying failure, or null
   */
  public TbmsException(String status, String message, String field, Throwable cause) {
    super(message, cause);
    this.status = Objects.requireNonNull(status, "status must not be null");
    this.field = field;
  }

  public TbmsException(String status, String message) {
    this(status, message, null, null);
  }

  /** The gRPC status name (e.g. {@code PERMISSION_DENIED}) or the transport reason. */
  public String status() {
    return status;
  }

  /**
   * The request field the broker named as at fault, in the proto's spelling ({@code budget_ms},
   * {@code models[1].est_ms}, {@code groups[0].models[2].name}, {@code instance}), or null when the
   * refusal names none.
   */
  public String field() {
    return field;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + status + "]: " + getMessage();
  }
}
