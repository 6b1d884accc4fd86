package io.tbms.client;

import io.tbms.common.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link TbmsClient} connects to and signs with. Immutable; built and validated by
 * {@link TbmsClient.Builder}, which names the field of any bad value. {@link #toString()} leaves
 * the access key out.
 *
 * @param host the broker's host name or address
 * @param port the broker's gRPC port (HTTP/2 cleartext), 1..65535
 * @param accessId the access id (the seed's {@code ACCESSID})
 * @param accessKey the secret the requests are signed with (the seed's {@code ACCESSKEY})
 * @param instance the instance the credentials belong to (the seed's {@code INSTANCENAME}), sent as
 *     a claim the broker checks
 * @param timeoutMargin how long past a query's budget the client keeps waiting for the broker's
 *     answer (the network and the broker's own write), 0 .. {@value #MAX_TIMEOUT_MARGIN_MS} ms
 * @param clock the source of the signatures' wall-clock timestamps and of elapsed time
 */
public record TbmsClientConfig(String host, int port, String accessId, String accessKey, String instance,
    Duration timeoutMargin, Clock clock) {

  public static final Duration DEFAULT_TIMEOUT_MARGIN = Duration.ofMillis(100);
  public static final long MAX_TIMEOUT_MARGIN_MS = 60_000;

  public TbmsClientConfig {
    requireText(host, "endpoint host");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("endpoint port must be in 1..65535, was " + port);
    }
    requireText(accessId, "accessId");
    requireText(accessKey, "accessKey");
    requireText(instance, "instance");
    Objects.requireNonNull(timeoutMargin, "timeoutMargin must not be null");
    if (timeoutMargin.isNegative() || timeoutMargin.toMillis() > MAX_TIMEOUT_MARGIN_MS) {
      throw new IllegalArgumentException("timeoutMargin must be in 0 .. " + MAX_TIMEOUT_MARGIN_MS + " ms, was "
          + timeoutMargin.toMillis() + " ms");
    }
    Objects.requireNonNull(clock, "clock must not be null");
  }

  /** The endpoint as {@code host:port}. */
  public String endpoint() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return "TbmsClientConfig[endpoint=" + endpoint() + ", accessId=" + accessId + ", accessKey=<hidden>, instance="
        + instance + ", timeoutMargin=" + timeoutMargin.toMillis() + " ms]";
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must be set and not blank");
    }
  }
}
