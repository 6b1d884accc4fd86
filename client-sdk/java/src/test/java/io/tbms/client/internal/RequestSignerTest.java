package io.tbms.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.common.auth.RequestSignature;
import io.tbms.common.time.ManualClock;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

  @Test
  void signsPostThePathTheClocksWallTimeAndTheBody() {
    ManualClock clock = new ManualClock();
    RequestSigner signer = new RequestSigner("demo", "demo-secret-key", "demo", clock);
    byte[] body = "message bytes".getBytes(StandardCharsets.UTF_8);

    assertThat(signer.headers("/tbms.v1.TimeBroker/Try", body)).containsExactly(
        org.assertj.core.api.Assertions.entry("x-tbms-access-id", "demo"),
        org.assertj.core.api.Assertions.entry("x-tbms-timestamp", "1767225600000"),
        org.assertj.core.api.Assertions.entry("x-tbms-signature",
            RequestSignature.sign("demo-secret-key", "POST", "/tbms.v1.TimeBroker/Try", 1_767_225_600_000L, body)),
        org.assertj.core.api.Assertions.entry("x-tbms-instance", "demo"));

    clock.advanceMillis(1500);
    assertThat(signer.headers("/tbms.v1.TimeBroker/MixTry", body).get("x-tbms-signature")).isEqualTo(
        RequestSignature.sign("demo-secret-key", "POST", "/tbms.v1.TimeBroker/MixTry", 1_767_225_601_500L, body));
  }
}
