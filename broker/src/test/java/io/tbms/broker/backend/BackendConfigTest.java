package io.tbms.broker.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackendConfigTest {

  @Test
  void defaultsMatchTheDocumentedValues() {
    BackendConfig config = BackendConfig.ofDefaults();
    assertThat(config.failureRateThreshold()).isEqualTo(50f);
    assertThat(config.slidingWindowSize()).isEqualTo(20);
    assertThat(config.minimumNumberOfCalls()).isEqualTo(10);
    assertThat(config.waitInOpenState()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.permittedCallsInHalfOpenState()).isEqualTo(3);
    assertThat(config.maxConcurrentCallsPerReplica()).isEqualTo(64);
    assertThat(config.classScores()).isEqualTo(5);
  }

  @Test
  void rejectsBadValuesNamingTheField() {
    assertThatThrownBy(() -> BackendConfig.builder().failureRateThreshold(0).build())
        .hasMessageContaining("failureRateThreshold");
    assertThatThrownBy(() -> BackendConfig.builder().failureRateThreshold(101).build())
        .hasMessageContaining("failureRateThreshold");
    assertThatThrownBy(() -> BackendConfig.builder().window(0, 0).build())
        .hasMessageContaining("slidingWindowSize");
    assertThatThrownBy(() -> BackendConfig.builder().window(5, 6).build())
        .hasMessageContaining("minimumNumberOfCalls");
    assertThatThrownBy(() -> BackendConfig.builder().waitInOpenState(Duration.ZERO).build())
        .hasMessageContaining("waitInOpenState");
    assertThatThrownBy(() -> BackendConfig.builder().permittedCallsInHalfOpenState(0).build())
        .hasMessageContaining("permittedCallsInHalfOpenState");
    assertThatThrownBy(() -> BackendConfig.builder().maxConcurrentCallsPerReplica(0).build())
        .hasMessageContaining("maxConcurrentCallsPerReplica was 0".replace(" was", " must be >= 1, was"));
    assertThatThrownBy(() -> BackendConfig.builder().classScores(-1).build())
        .hasMessageContaining("classScores must be in [0, 1000], was -1");
    assertThatThrownBy(() -> BackendConfig.builder().classScores(1001).build())
        .hasMessageContaining("classScores");
  }
}
