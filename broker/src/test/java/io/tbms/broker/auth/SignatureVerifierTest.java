package io.tbms.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.common.auth.RequestSignature;
import io.tbms.common.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

  private static final byte[] BODY = "{\"query\":{\"text\":\"hi\"}}".getBytes(StandardCharsets.UTF_8);

  private final ManualClock clock = new ManualClock();
  private final SignatureVerifier verifier = new SignatureVerifier(
      List.of(new Credential("demo", "demo-secret-key", "demo")), clock, SignatureVerifier.DEFAULT_WINDOW);

  private String now() {
    return Long.toString(clock.wallMillis());
  }

  private String sign(String key, String timestamp) {
    return RequestSignature.sign(key, "POST", "/v1/try", Long.parseLong(timestamp), BODY);
  }

  @Test
  void acceptsAWellSignedRequestAsItsInstance() {
    String ts = now();
    assertThat(verifier.verify("demo", ts, sign("demo-secret-key", ts), "POST", "/v1/try", BODY))
        .isEqualTo(new AuthResult.Accepted("demo"));
  }

  @Test
  void refusesAnUnsignedRequest() {
    assertThat(verifier.verify(null, null, null, "POST", "/v1/try", BODY))
        .isInstanceOf(AuthResult.Rejected.class);
  }

  @Test
  void refusesAnUnknownId() {
    String ts = now();
    assertThat(verifier.verify("mallory", ts, sign("demo-secret-key", ts), "POST", "/v1/try", BODY))
        .isEqualTo(new AuthResult.Rejected("unknown access id"));
  }

  @Test
  void refusesTheWrongKeyAndATamperedBody() {
    String ts = now();
    assertThat(verifier.verify("demo", ts, sign("wrong-key", ts), "POST", "/v1/try", BODY))
        .isEqualTo(new AuthResult.Rejected("bad signature"));
    assertThat(verifier.verify("demo", ts, sign("demo-secret-key", ts), "POST", "/v1/try", "{}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new AuthResult.Rejected("bad signature"));
  }

  @Test
  void refusesATimestampOutsideFiveMinutesEitherSide() {
    String stale = now();
    clock.advance(Duration.ofMinutes(5).plusMillis(1));
    assertThat(verifier.verify("demo", stale, sign("demo-secret-key", stale), "POST", "/v1/try", BODY))
        .isInstanceOf(AuthResult.Rejected.class);
    String future = Long.toString(clock.wallMillis() + Duration.ofMinutes(6).toMillis());
    assertThat(verifier.verify("demo", future, sign("demo-secret-key", future), "POST", "/v1/try", BODY))
        .isInstanceOf(AuthResult.Rejected.class);
    String edge = Long.toString(clock.wallMillis() - Duration.ofMinutes(5).toMillis());
    assertThat(verifier.verify("demo", edge, sign("demo-secret-key", edge), "POST", "/v1/try", BODY))
        .isEqualTo(new AuthResult.Accepted("demo"));
  }

  @Test
  void refusesANonNumericTimestamp() {
    assertThat(verifier.verify("demo", "yesterday", "00", "POST", "/v1/try", BODY))
        .isInstanceOf(AuthResult.Rejected.class);
  }
}
