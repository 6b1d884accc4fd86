package io.tbms.client.internal;

import io.tbms.client.AuthException;
import io.tbms.client.InvalidRequestException;
import io.tbms.client.OverloadedException;
import io.tbms.client.TbmsException;
import io.tbms.client.UnavailableException;
import io.vertx.core.MultiMap;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a gRPC status (with its metadata) or a transport failure to the client's exceptions.
 * Pure and thread-safe.
 */
public final class Failures {

  /** The trailer that tells an overload (with it) from an oversized message (without). */
  public static final String RETRY_PUSHBACK = "grpc-retry-pushback-ms";

  /** The broker's refusals start with the field at fault: {@code models[1].est_ms: must be ...}. */
  private static final Pattern FIELD = Pattern.compile(
      "^([A-Za-z_][A-Za-z0-9_]*(?:\\[\\d+])?(?:\\.[A-Za-z_][A-Za-z0-9_]*(?:\\[\\d+])?)*): ");

  private Failures() {}

  /**
   * @param status a status other than OK
   * @param message the status message, or null
   * @param metadata the response's headers and trailers together (a trailers-only response
   *     carries its trailers as headers)
   */
  public static TbmsException fromStatus(GrpcStatus status, String message, MultiMap metadata) {
    String name = status.name();
    String text = message == null || message.isBlank() ? name : message;
    return switch (status) {
      case UNAUTHENTICATED -> new AuthException(name, text, null);
      case PERMISSION_DENIED -> new AuthException(name, text, field(message));
      case INVALID_ARGUMENT -> new InvalidRequestException(name, text, field(message));
      case RESOURCE_EXHAUSTED -> {
        Duration pushback = pushback(metadata.get(RETRY_PUSHBACK));
        yield pushback != null ? new OverloadedException(text, pushback)
            : new InvalidRequestException(name, message == null || message.isBlank()
                ? "request message too large for the broker (RESOURCE_EXHAUSTED)" : message, null);
      }
      case UNAVAILABLE, INTERNAL, UNKNOWN, CANCELLED, DEADLINE_EXCEEDED, ABORTED, DATA_LOSS ->
          new UnavailableException(name, text);
      default -> new TbmsException(name, text);
    };
  }

  /** A failure to open the call: the broker could not be connected to. */
  public static UnavailableException connectFailed(String endpoint, Throwable cause) {
    return new UnavailableException(UnavailableException.CONNECT_FAILED,
        "cannot connect to the broker at " + endpoint + ": " + describe(cause), cause);
  }

  /** A failure after the call was opened: the connection or the stream broke. */
  public static UnavailableException connectionClosed(Throwable cause) {
    return new UnavailableException(UnavailableException.CONNECTION_CLOSED,
        "connection to the broker broke: " + describe(cause), cause);
  }

  public static UnavailableException deadlineExceeded(long afterMillis) {
    return new UnavailableException(UnavailableException.DEADLINE_EXCEEDED,
        "deadline exceeded after " + afterMillis + " ms");
  }

  public static UnavailableException clientClosed() {
    return new UnavailableException(UnavailableException.CLIENT_CLOSED, "the client is closed");
  }

  static String field(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = FIELD.matcher(message);
    return m.find() ? m.group(1) : null;
  }

  private static Duration pushback(String value) {
    if (value == null) {
      return null;
    }
    try {
      long millis = Long.parseLong(value.trim());
      return millis >= 0 ? Duration.ofMillis(millis) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String describe(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
