package io.tbms.client.internal;

import io.tbms.common.auth.RequestSignature;
import io.tbms.common.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The signed gRPC metadata of one request (docs/design.md §3): access id, wall-clock timestamp and
 * {@link RequestSignature} over {@code POST}, the method path and the exact message bytes sent;
 * plus the unsigned instance claim. Thread-safe.
 */
public final class RequestSigner {

  public static final String METHOD = "POST";
  public static final String ACCESS_ID = RequestSignature.ACCESS_ID_HEADER.toLowerCase(Locale.ROOT);
  public static final String TIMESTAMP = RequestSignature.TIMESTAMP_HEADER.toLowerCase(Locale.ROOT);
  public static final String SIGNATURE = RequestSignature.SIGNATURE_HEADER.toLowerCase(Locale.ROOT);
  public static final String INSTANCE = RequestSignature.INSTANCE_HEADER.toLowerCase(Locale.ROOT);

  private final String accessId;
  private final String accessKey;
  private final String instance;
  private final Clock clock;

  public RequestSigner(String accessId, String accessKey, String instance, Clock clock) {
    this.accessId = Objects.requireNonNull(accessId, "accessId");
    this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
    this.instance = Objects.requireNonNull(instance, "instance");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param path the gRPC method path, e.g. {@code /tbms.v1.TimeBroker/Try}
   * @param body the serialized request message, exactly as it will be sent
   * @return the metadata to send, lowercase names, in a fixed order
   */
  public Map<String, String> headers(String path, byte[] body) {
    long timestamp = clock.wallMillis();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(ACCESS_ID, accessId);
    headers.put(TIMESTAMP, Long.toString(timestamp));
    headers.put(SIGNATURE, RequestSignature.sign(accessKey, METHOD, path, timestamp, body));
    headers.put(INSTANCE, instance);
    return headers;
  }
}
