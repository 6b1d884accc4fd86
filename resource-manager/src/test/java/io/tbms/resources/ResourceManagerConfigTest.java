package io.tbms.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceManagerConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    ResourceManagerConfig config = ResourceManagerConfig.ofDefaults();
    assertThat(config.targets()).isEmpty();
    assertThat(config.scrapeInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.cpuCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.roomThreshold()).isEqualTo(0.85);
    assertThat(config.hotThreshold()).isEqualTo(0.85);
    assertThat(config.coLocateBelow()).isEqualTo(0.30);
    assertThat(config.coLocateTarget()).isEqualTo(0.70);
    assertThat(config.nvidiaSmi()).isTrue();
    assertThat(config.gpuNames()).isEmpty();
  }

  @Test
  void rejectsBadValuesNamingTheField() {
    ResourceManagerConfig config = ResourceManagerConfig.ofDefaults();
    assertThatThrownBy(() -> config.withScrapeInterval(Duration.ZERO)).hasMessageContaining("scrapeInterval");
    assertThatThrownBy(() -> config.withCpuCores(0)).hasMessage("cpuCores must be >= 1, was 0");
    assertThatThrownBy(() -> config.withThresholds(1.2, 0.85, 0.3, 0.7)).hasMessageStartingWith("roomThreshold");
    assertThatThrownBy(() -> config.withThresholds(0.85, 0, 0.3, 0.7)).hasMessageStartingWith("hotThreshold");
    assertThatThrownBy(() -> config.withThresholds(0.85, 0.85, 0.8, 0.7)).hasMessageStartingWith("coLocateBelow");
    assertThatThrownBy(() -> config.withThresholds(0.85, 0.85, 0.3, Double.NaN)).hasMessageStartingWith("coLocateTarget");
    assertThatThrownBy(() -> config.withGpuNames(Map.of("GPU-1", "a/b"))).hasMessageStartingWith("gpuNames");
    assertThatThrownBy(() -> config.withGpuNames(Map.of("GPU-1", "x", "GPU-2", "x"))).hasMessageStartingWith("gpuNames");
  }

  @Test
  void targetsNeedHostPortAndAnHttpMetricsUrl() {
    Target target = new Target("127.0.0.1:8001", "http://127.0.0.1:8002/metrics");
    assertThat(target.host()).isEqualTo("127.0.0.1");
    assertThat(target.port()).isEqualTo(8001);
    assertThat(new Target("[::1]:8001", "http://[::1]:8002/metrics").host()).isEqualTo("::1");
    assertThatThrownBy(() -> new Target("127.0.0.1", "http://h/metrics")).hasMessageStartingWith("kserveAddress");
    assertThatThrownBy(() -> new Target("h:99999", "http://h/metrics")).hasMessageStartingWith("kserveAddress");
    assertThatThrownBy(() -> new Target("h:8001", "ftp://h/metrics")).hasMessageStartingWith("metricsUrl");
    assertThat(ResourceManagerConfig.ofDefaults().withTargets(List.of(target)).targets()).containsExactly(target);
  }
}
