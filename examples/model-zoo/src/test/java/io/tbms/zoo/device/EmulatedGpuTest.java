package io.tbms.zoo.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tbms.common.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatedGpuTest {

  private final ManualClock clock = new ManualClock();
  private final EmulatedGpu gpu =
      new EmulatedGpu(DeviceConfig.emulatedGpu("gpu0"), clock, Duration.ofSeconds(1));

  @Test
  void runsOneBatchAtATimeAndHandsOverInArrivalOrder() {
    List<String> granted = new ArrayList<>();
    gpu.acquire(() -> granted.add("a"));
    gpu.acquire(() -> granted.add("b"));
    gpu.acquire(() -> granted.add("c"));
    assertThat(granted).containsExactly("a");
    assertThat(gpu.waiting()).isEqualTo(2);

    gpu.release();
    assertThat(granted).containsExactly("a", "b");
    gpu.release();
    gpu.release();
    assertThat(granted).containsExactly("a", "b", "c");
    assertThat(gpu.busy()).isFalse();
  }

  @Test
  void utilisationIsBusyTimeOverWallTime() {
    gpu.acquire(() -> {});
    clock.advanceMillis(300);
    gpu.release();
    clock.advanceMillis(700);
    assertThat(gpu.utilisation()).isCloseTo(0.3, within(1e-9));

    gpu.acquire(() -> {});
    clock.advanceMillis(500);
    // window is the last second: 500 ms idle then 500 ms busy
    assertThat(gpu.utilisation()).isCloseTo(0.5, within(1e-9));
    gpu.release();
  }

  @Test
  void utilisationCountsHandOversAsOneBusyStretch() {
    gpu.acquire(() -> {});
    gpu.acquire(() -> {});
    clock.advanceMillis(400);
    gpu.release();
    clock.advanceMillis(400);
    gpu.release();
    clock.advanceMillis(200);
    assertThat(gpu.utilisation()).isCloseTo(0.8, within(1e-9));
  }

  @Test
  void anIdleDeviceReportsZero() {
    clock.advanceMillis(5_000);
    assertThat(gpu.utilisation()).isZero();
  }

  @Test
  void refusesAReleaseWithoutAnAcquire() {
    assertThatThrownBy(gpu::release).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void batchTimeFollowsTheProfile() {
    BatchTimeProfile profile = new BatchTimeProfile(20, 0.5);
    assertThat(profile.batchTime(1)).isEqualTo(Duration.ofMillis(20).plusNanos(500_000));
    assertThat(profile.batchTime(32)).isEqualTo(Duration.ofMillis(36));
  }

  @Test
  void gpuUuidIsStableAndTritonShaped() {
    assertThat(DeviceConfig.emulatedGpu("gpu0").uuid())
        .startsWith("GPU-")
        .isEqualTo(DeviceConfig.emulatedGpu("gpu0").uuid())
        .isNotEqualTo(DeviceConfig.emulatedGpu("gpu1").uuid());
  }
}
