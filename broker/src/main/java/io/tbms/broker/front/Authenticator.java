package io.tbms.broker.front;

import io.tbms.broker.auth.AuthResult;
import io.tbms.broker.auth.SignatureVerifier;
import io.tbms.common.auth.RequestSignature;
import io.vertx.core.MultiMap;

/**
 * Checks a request's signature headers (HTTP) or metadata (gRPC) and names the caller's
 * instance, or refuses with {@link Refusal#UNAUTHENTICATED}; refuses with
 * {@link Refusal#PERMISSION_DENIED} a request that claims ({@code X-TBMS-Instance}) an instance
 * other than its credentials'. Thread-safe.
 */
public final class Authenticator {

  private final SignatureVerifier verifier;

  public Authenticator(SignatureVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * @param path the HTTP path ({@code /v1/try}) or the gRPC method path ({@code /tbms.v1.TimeBroker/Try})
   * @return the caller's instance
   * @throws RefusedException when the request is not signed right, or claims another instance
   */
  public String authenticate(MultiMap headers, String method, String path, byte[] body) {
    String accessId = headers.get(RequestSignature.ACCESS_ID_HEADER);
    AuthResult result = verifier.verify(accessId,
        headers.get(RequestSignature.TIMESTAMP_HEADER), headers.get(RequestSignature.SIGNATURE_HEADER), method, path, body);
    if (!(result instanceof AuthResult.Accepted accepted)) {
      throw new RefusedException(Refusal.UNAUTHENTICATED, null, ((AuthResult.Rejected) result).reason());
    }
    String claimed = headers.get(RequestSignature.INSTANCE_HEADER);
    if (claimed != null && !claimed.equals(accepted.instance())) {
      throw new RefusedException(Refusal.PERMISSION_DENIED, "instance", "instance: access id '" + accessId
          + "' belongs to instance '" + accepted.instance() + "', not '" + claimed + "'");
    }
    return accepted.instance();
  }
}
