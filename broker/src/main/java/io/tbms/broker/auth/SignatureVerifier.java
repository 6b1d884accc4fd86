package io.tbms.broker.auth;

import io.tbms.common.auth.RequestSignature;
import io.tbms.common.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies request signatures ({@link RequestSignature}): the access id must be known, the
 * timestamp within {@link #DEFAULT_WINDOW} of the broker's wall clock (either side), and the
 * signature right for the method, path, timestamp and body. Thread-safe; the credentials are
 * fixed at construction.
 */
public final class SignatureVerifier {

  /** How far a request's timestamp may be from the broker's clock: five minutes. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  private final Map<String, Credential> byAccessId = new HashMap<>();
  private final Clock clock;
  private final long windowMillis;

  public SignatureVerifier(List<Credential> credentials, Clock clock, Duration window) {
    for (Credential credential : credentials) {
      if (byAccessId.put(credential.accessId(), credential) != null) {
        throw new IllegalArgumentException("access id '" + credential.accessId() + "' is configured twice");
      }
    }
    this.clock = clock;
    this.windowMillis = window.toMillis();
  }

  /**
   * @param accessId the {@code X-TBMS-Access-Id} value, or null when absent
   * @param timestamp the {@code X-TBMS-Timestamp} value, or null when absent
   * @param signature the {@code X-TBMS-Signature} value, or null when absent
   */
  public AuthResult verify(String accessId, String timestamp, String signature, String method, String path, byte[] body) {
    if (accessId == null || timestamp == null || signature == null) {
      return new AuthResult.Rejected("unsigned request: " + RequestSignature.ACCESS_ID_HEADER + ", "
          + RequestSignature.TIMESTAMP_HEADER + " and " + RequestSignature.SIGNATURE_HEADER + " are required");
    }
    Credential credential = byAccessId.get(accessId);
    if (credential == null) {
      return new AuthResult.Rejected("unknown access id");
    }
    long millis;
    try {
      millis = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return new AuthResult.Rejected(RequestSignature.TIMESTAMP_HEADER + " must be Unix epoch milliseconds");
    }
    if (Math.abs(clock.wallMillis() - millis) > windowMillis) {
      return new AuthResult.Rejected("timestamp outside the allowed window of ±" + windowMillis / 60_000 + " minutes");
    }
    String expected = RequestSignature.sign(credential.accessKey(), method, path, millis, body);
    if (!RequestSignature.matches(expected, signature)) {
      return new AuthResult.Rejected("bad signature");
    }
    return new AuthResult.Accepted(credential.instance());
  }
}
