package io.tbms.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TBMS request signature, shared by the broker (to verify) and the SDKs (to sign):
 *
 * <pre>
 * signature = lowercase hex HMAC-SHA256(access key,
 *     METHOD + "\n" + PATH + "\n" + TIMESTAMP + "\n" + lowercase hex SHA-256(body))
 * </pre>
 *
 * <p>{@code TIMESTAMP} is Unix epoch milliseconds as decimal. Over HTTP the three values travel as
 * {@code X-TBMS-Access-Id}, {@code X-TBMS-Timestamp}, {@code X-TBMS-Signature}; over gRPC as the
 * same names in lowercase metadata, with METHOD {@code POST}, PATH the gRPC method path and the
 * serialized request message as the body. Stateless and thread-safe.
 */
public final class RequestSignature {

  public static final String ACCESS_ID_HEADER = "X-TBMS-Access-Id";
  public static final String TIMESTAMP_HEADER = "X-TBMS-Timestamp";
  public static final String SIGNATURE_HEADER = "X-TBMS-Signature";
  /**
   * Optional, not signed: the instance the caller believes its credentials belong to (the seed
   * client's {@code INSTANCENAME}). The broker refuses a request whose claim differs (403), so a
   * client configured with another instance's keys fails loudly instead of billing that instance.
   */
  public static final String INSTANCE_HEADER = "X-TBMS-Instance";

  private static final HexFormat HEX = HexFormat.of();

  private RequestSignature() {}

  /** The string that is signed. */
  public static String canonical(String method, String path, long timestampMillis, byte[] body) {
    return method + "\n" + path + "\n" + timestampMillis + "\n" + sha256Hex(body);
  }

  /** The signature of a request, as lowercase hex. */
  public static String sign(String accessKey, String method, String path, long timestampMillis, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(accessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HEX.formatHex(mac.doFinal(canonical(method, path, timestampMillis, body).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** Compares two signatures in time independent of where they differ. */
  public static boolean matches(String expected, String actual) {
    if (actual == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), actual.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  static String sha256Hex(byte[] body) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
