package io.tbms.client;

import java.time.Duration;
import java.util.Objects;

/**
 * The broker is overloaded: not even the cheapest entry of the chain could be tried now
 * ({@code RESOURCE_EXHAUSTED} with the {@code grpc-retry-pushback-ms} trailer). Back off for at
 * least {@link #retryAfter()} before sending this caller's next query; the client does not retry.
 */
public class OverloadedException extends TbmsException {

  private final Duration retryAfter;

  public OverloadedException(String message, Duration retryAfter) {
    super("RESOURCE_EXHAUSTED", message, null, null);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter must not be null");
  }

  /** How long the broker asks callers to wait before retrying (its pushback; 1 s by default). */
  public Duration retryAfter() {
    return retryAfter;
  }
}
