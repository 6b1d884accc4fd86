package io.tbms.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestSignatureTest {

  private static final byte[] BODY = "{\"budget_ms\":50}".getBytes(StandardCharsets.UTF_8);

  @Test
  void matchesAVectorComputedIndependently() {
    // python3: hmac.new(b'demo-secret-key', canonical, hashlib.sha256).hexdigest()
    assertThat(RequestSignature.sign("demo-secret-key", "POST", "/v1/try", 1_767_225_600_000L, BODY))
        .isEqualTo("a09e129643a2ff56c9ff2ffa6da35ecef5b57d6a474dbc8dc820b4e205e5919e");
  }

  @Test
  void signsTheMethodPathTimestampAndBodyHash() {
    assertThat(RequestSignature.canonical("POST", "/v1/try", 1_767_225_600_000L, new byte[0]))
        .isEqualTo("POST\n/v1/try\n1767225600000\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void anyChangeToTheRequestChangesTheSignature() {
    String base = RequestSignature.sign("k", "POST", "/v1/try", 1L, BODY);
    assertThat(RequestSignature.sign("k", "POST", "/v1/mix-try", 1L, BODY)).isNotEqualTo(base);
    assertThat(RequestSignature.sign("k", "POST", "/v1/try", 2L, BODY)).isNotEqualTo(base);
    assertThat(RequestSignature.sign("k2", "POST", "/v1/try", 1L, BODY)).isNotEqualTo(base);
    assertThat(RequestSignature.sign("k", "POST", "/v1/try", 1L, "{}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(base);
  }

  @Test
  void comparesSignaturesCaseInsensitivelyAndRefusesMissingOnes() {
    String signature = RequestSignature.sign("k", "POST", "/v1/try", 1L, BODY);
    assertThat(RequestSignature.matches(signature, signature.toUpperCase())).isTrue();
    assertThat(RequestSignature.matches(signature, null)).isFalse();
    assertThat(RequestSignature.matches(signature, signature.substring(1))).isFalse();
  }
}
