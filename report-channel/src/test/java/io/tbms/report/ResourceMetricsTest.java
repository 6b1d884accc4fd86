package io.tbms.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tbms.resources.DeviceKind;
import io.tbms.resources.DeviceOccupancy;
import io.tbms.resources.ResourceSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ResourceMetrics metrics = new ResourceMetrics(registry);

  private static DeviceOccupancy device(String name, DeviceKind kind, double used, Map<String, Double> models) {
    return new DeviceOccupancy("10.0.0.1/" + name, name, kind, "http://10.0.0.1:8002/metrics", used, 1 - used, models,
        0, 0, 0, 0, false);
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void publishesUsedFreeAndPerModelSharesPerDevice() {
    metrics.update(new ResourceSnapshot(List.of(
        device("gpu0", DeviceKind.GPU, 0.6, Map.of("embedding", 0.5)),
        device("cpu", DeviceKind.CPU, 0.2, Map.of("svm", 0.05, "bayes", 0.01))), List.of(), List.of(), 0));

    assertThat(gauge(ReportMetricNames.DEVICE_USED, "device", "10.0.0.1/gpu0", "kind", "GPU")).isEqualTo(0.6);
    assertThat(gauge(ReportMetricNames.DEVICE_FREE, "device", "10.0.0.1/cpu", "kind", "CPU")).isEqualTo(0.8);
    assertThat(gauge(ReportMetricNames.MODEL_SHARE, "device", "10.0.0.1/gpu0", "model", "embedding")).isEqualTo(0.5);
    assertThat(gauge(ReportMetricNames.MODEL_SHARE, "device", "10.0.0.1/cpu", "model", "bayes")).isEqualTo(0.01);
    assertThat(gauge(ReportMetricNames.DEVICE_DOWN, "device", "10.0.0.1/cpu")).isZero();
  }

  @Test
  void dropsTheRowsOfDevicesAndModelsThatAreGone() {
    metrics.update(new ResourceSnapshot(List.of(
        device("gpu0", DeviceKind.GPU, 0.6, Map.of("embedding", 0.5)),
        device("gpu1", DeviceKind.GPU, 0.1, Map.of("embedding", 0.1))), List.of(), List.of(), 0));
    metrics.update(new ResourceSnapshot(List.of(
        device("gpu0", DeviceKind.GPU, 0.7, Map.of())), List.of(), List.of(), 1));

    assertThat(gauge(ReportMetricNames.DEVICE_USED, "device", "10.0.0.1/gpu0", "kind", "GPU")).isEqualTo(0.7);
    assertThat(registry.find(ReportMetricNames.DEVICE_USED).tags("device", "10.0.0.1/gpu1").gauge()).isNull();
    assertThat(registry.find(ReportMetricNames.MODEL_SHARE).gauges()).isEmpty();
  }
}
