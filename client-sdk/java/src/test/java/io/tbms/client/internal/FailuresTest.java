package io.tbms.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.client.AuthException;
import io.tbms.client.InvalidRequestException;
import io.tbms.client.OverloadedException;
import io.tbms.client.TbmsException;
import io.tbms.client.UnavailableException;
import io.vertx.core.MultiMap;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailuresTest {

  static final MultiMap NONE = MultiMap.caseInsensitiveMultiMap();

  @Test
  void eachStatusMapsToItsFamily() {
    assertThat(Failures.fromStatus(GrpcStatus.UNAUTHENTICATED, "bad signature", NONE)).isInstanceOf(AuthException.class);
    assertThat(Failures.fromStatus(GrpcStatus.PERMISSION_DENIED, "instance: not yours", NONE))
        .isInstanceOf(AuthException.class).extracting(TbmsException::field).isEqualTo("instance");
    assertThat(Failures.fromStatus(GrpcStatus.INVALID_ARGUMENT, "budget_ms: must be in 1..60000, was 0", NONE))
        .isInstanceOf(InvalidRequestException.class).extracting(TbmsException::field).isEqualTo("budget_ms");
    for (GrpcStatus status : new GrpcStatus[] {GrpcStatus.UNAVAILABLE, GrpcStatus.INTERNAL, GrpcStatus.UNKNOWN,
        GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.CANCELLED}) {
      assertThat(Failures.fromStatus(status, null, NONE)).isInstanceOf(UnavailableException.class)
          .hasMessage(status.name()).extracting(TbmsException::status).isEqualTo(status.name());
    }
    TbmsException unimplemented = Failures.fromStatus(GrpcStatus.UNIMPLEMENTED, "no such method", NONE);
    assertThat(unimplemented.getClass()).isEqualTo(TbmsException.class);
    assertThat(unimplemented.status()).isEqualTo("UNIMPLEMENTED");
  }

  @Test
  void resourceExhaustedIsAnOverloadOnlyWithAPushback() {
    MultiMap pushback = MultiMap.caseInsensitiveMultiMap().add("grpc-retry-pushback-ms", "1000");
    assertThat(Failures.fromStatus(GrpcStatus.RESOURCE_EXHAUSTED, "overloaded: retry", pushback))
        .isInstanceOfSatisfying(OverloadedException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    assertThat(Failures.fromStatus(GrpcStatus.RESOURCE_EXHAUSTED, null, NONE))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.tooLarge()).isTrue());
    MultiMap garbled = MultiMap.caseInsensitiveMultiMap().add("grpc-retry-pushback-ms", "soon");
    assertThat(Failures.fromStatus(GrpcStatus.RESOURCE_EXHAUSTED, "big", garbled)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void theFieldIsTheLeadingPathBeforeAColon() {
    assertThat(Failures.field("models[1].est_ms: must be a finite number >= 0, was -1.0")).isEqualTo("models[1].est_ms");
    assertThat(Failures.field("groups[0].models[2].name: unknown model 'gpt'")).isEqualTo("groups[0].models[2].name");
    assertThat(Failures.field("message: not a valid request: x")).isEqualTo("message");
    assertThat(Failures.field("instance 'x' may not use model 'svm'")).isNull();
    assertThat(Failures.field("unsigned request: X-TBMS-Access-Id")).isNull();
    assertThat(Failures.field(null)).isNull();
  }
}
