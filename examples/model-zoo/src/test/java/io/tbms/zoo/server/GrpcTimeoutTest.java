package io.tbms.zoo.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrpcTimeoutTest {

  @Test
  void readsEveryUnitToTheMicrosecond() {
    assertThat(GrpcTimeout.micros("2H")).hasValue(7_200_000_000L);
    assertThat(GrpcTimeout.micros("3M")).hasValue(180_000_000L);
    assertThat(GrpcTimeout.micros("4S")).hasValue(4_000_000L);
    assertThat(GrpcTimeout.micros("35m")).hasValue(35_000L);
    assertThat(GrpcTimeout.micros("12345u")).hasValue(12_345L);
    assertThat(GrpcTimeout.micros("1500n")).hasValue(2L);
    assertThat(GrpcTimeout.micros("0u")).hasValue(1L);
  }

  @Test
  void aMissingOrMalformedHeaderIsNoTimeout() {
    assertThat(GrpcTimeout.micros(null)).isEmpty();
    assertThat(GrpcTimeout.micros("12")).isEmpty();
    assertThat(GrpcTimeout.micros("123456789u")).isEmpty();
    assertThat(GrpcTimeout.micros("5x")).isEmpty();
  }
}
