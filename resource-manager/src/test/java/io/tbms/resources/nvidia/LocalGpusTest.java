package io.tbms.resources.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.resources.DeviceKind;
import io.tbms.resources.DeviceOccupancy;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LocalGpusTest {

  private static final DeviceOccupancy SERVED = new DeviceOccupancy("h/gpu0", "gpu0", DeviceKind.GPU, "http://h:8002/metrics",
      0.4, 0.6, Map.of("bert", 0.4), 0, 0, 0, 1, false);

  @Test
  void fillsMissingMemoryOfAServedGpuAndAddsTheOthers() {
    List<GpuReading> gpus = List.of(
        new GpuReading(0, "GPU-a", "T4", OptionalDouble.of(0.9), OptionalLong.of(100), OptionalLong.of(1000)),
        new GpuReading(1, "GPU-b", "T4", OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.of(1000)));

    List<DeviceOccupancy> merged = LocalGpus.merge(List.of(SERVED), Map.of("h/gpu0", "GPU-a"), gpus, "local", 5);

    assertThat(merged).hasSize(2);
    assertThat(merged.get(0).used()).isEqualTo(0.4);
    assertThat(merged.get(0).memoryTotalBytes()).isEqualTo(1000);
    assertThat(merged.get(1).id()).isEqualTo("local/gpu1");
    assertThat(merged.get(1).backend()).isEqualTo(LocalGpus.SOURCE);
    assertThat(merged.get(1).models()).isEmpty();
    assertThat(merged.get(1).used()).isZero();
  }
}
