package io.tbms.client;

/**
 * No answer came back: the broker could not be reached, the connection broke, the broker failed
 * ({@code UNAVAILABLE}, {@code INTERNAL}, {@code UNKNOWN}, {@code CANCELLED}, {@code DEADLINE_EXCEEDED},
 * a malformed response), or nothing arrived by the budget plus the client's timeout margin
 * ({@link #DEADLINE_EXCEEDED}, after which the call is cancelled on the wire). {@link #status()} is
 * the gRPC status name or one of the transport reasons below.
 */
public class UnavailableException extends TbmsException {

  /** The broker could not be connected to (refused, unresolvable, unreachable). */
  public static final String CONNECT_FAILED = "CONNECT_FAILED";
  /** The connection closed or the call was reset before the answer arrived. */
  public static final String CONNECTION_CLOSED = "CONNECTION_CLOSED";
  /** No answer by the budget plus the timeout margin; also the gRPC status of that name. */
  public static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";
  /** The client was closed before the answer arrived, or the query was sent after it closed. */
  public static final String CLIENT_CLOSED = "CLIENT_CLOSED";

  public UnavailableException(String status, String message, Throwable cause) {
    super(status, message, null, cause);
  }

  public UnavailableException(String status, String message) {
    this(status, message, null);
  }
}
