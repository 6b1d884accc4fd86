package io.tbms.resources.occupancy;

import static io.tbms.resources.testing.TritonFixtures.GPU0;
import static io.tbms.resources.testing.TritonFixtures.GPU1;
import static io.tbms.resources.testing.TritonFixtures.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tbms.common.time.ManualClock;
import io.tbms.resources.DeviceKind;
import io.tbms.resources.DeviceOccupancy;
import io.tbms.resources.inventory.BackendInventory;
import io.tbms.resources.inventory.InstanceGroup;
import io.tbms.resources.inventory.InventoryBuilder;
import io.tbms.resources.prometheus.PrometheusText;
import io.tbms.resources.testing.TritonFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OccupancyCalculatorTest {

  private final ManualClock clock = new ManualClock();
  private final OccupancyCalculator calculator = new OccupancyCalculator(4);
  private final BackendInventory inventory =
      InventoryBuilder.build(TARGET, TritonFixtures.models(), List.of(GPU0, GPU1), Map.of(), clock.wallMillis());

  private BackendOccupancy scrape(String text) {
    return calculator.observe(inventory, PrometheusText.parse(text), clock.nanoTime(), clock.wallMillis());
  }

  private static DeviceOccupancy device(BackendOccupancy occupancy, String name) {
    return occupancy.devices().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void firstScrapeGivesTheGaugesAndNoModelShares() {
    BackendOccupancy first = scrape(TritonFixtures.metrics(1));

    DeviceOccupancy gpu0 = device(first, "gpu0");
    assertThat(gpu0.id()).isEqualTo("10.0.0.7/gpu0");
    assertThat(gpu0.kind()).isEqualTo(DeviceKind.GPU);
    assertThat(gpu0.backend()).isEqualTo(TARGET.metricsUrl());
    assertThat(gpu0.used()).isEqualTo(0.41);
    assertThat(gpu0.free()).isCloseTo(0.59, within(1e-12));
    assertThat(gpu0.models()).containsExactly(Map.entry("resnet50", 0.0));
    assertThat(gpu0.unattributed()).isEqualTo(0.41);
    assertThat(gpu0.memoryUsedBytes()).isEqualTo(2_147_483_648L);
    assertThat(gpu0.memoryTotalBytes()).isEqualTo(16_945_709_056L);
    assertThat(gpu0.sampledAtWallMillis()).isEqualTo(ManualClock.DEFAULT_WALL_MILLIS);
    assertThat(device(first, "cpu").used()).isEqualTo(0.25);
    assertThat(device(first, "cpu").memoryTotalBytes()).isEqualTo(67_199_156_224L);
    assertThat(first.executionsPerSecond()).isEmpty();
  }

  @Test
  void sharesAreComputeRatesOverCapacitySplitOverInstances() {
    scrape(TritonFixtures.metrics(1));
    clock.advanceMillis(2_000);
    BackendOccupancy second = scrape(TritonFixtures.metrics(2));

    // resnet50: 1.2 s of compute in 2 s over two GPU instances
    DeviceOccupancy gpu0 = device(second, "gpu0");
    assertThat(gpu0.models().get("resnet50")).isCloseTo(0.3, within(1e-9));
    assertThat(gpu0.unattributed()).isCloseTo(0.11, within(1e-9));
    // bert restarted: its 0.4 s since the restart, over 2 s
    DeviceOccupancy gpu1 = device(second, "gpu1");
    assertThat(gpu1.models().get("bert")).isCloseTo(0.2, within(1e-9));
    assertThat(gpu1.models().get("resnet50")).isCloseTo(0.3, within(1e-9));
    // its gauge reads 0.20, but its models computed half of the last two seconds
    assertThat(gpu1.used()).isCloseTo(0.5, within(1e-9));
    assertThat(gpu1.free()).isCloseTo(0.5, within(1e-9));
    assertThat(gpu1.unattributed()).isZero();
    // tokenizer: 0.4 s in 2 s, over 4 cores
    DeviceOccupancy cpu = device(second, "cpu");
    assertThat(cpu.models().get("tokenizer")).isCloseTo(0.05, within(1e-9));
    assertThat(cpu.used()).isEqualTo(0.30);
    assertThat(second.executionsPerSecond()).containsEntry("resnet50", 50.0).containsEntry("bert", 0.0);
  }

  @Test
  void aGpuUuidLabelAttributesTheComputeToThatGpuWhole() {
    String older = """
        nv_inference_compute_infer_duration_us{gpu_uuid="%s",model="resnet50",version="1"} %d
        nv_gpu_utilization{gpu_uuid="%s"} 0.5
        """;
    scrape(older.formatted(GPU1, 0, GPU1));
    clock.advanceMillis(1_000);
    BackendOccupancy second = scrape(older.formatted(GPU1, 450_000, GPU1));

    assertThat(device(second, "gpu1").models().get("resnet50")).isCloseTo(0.45, within(1e-9));
    assertThat(device(second, "gpu0").models().get("resnet50")).isZero();
  }

  @Test
  void missingGaugesFallBackToTheModelSharesAndMemoryToZero() {
    String text = "nv_inference_compute_infer_duration_us{model=\"bert\",version=\"1\"} %d\n"
        + "nv_gpu_utilization{gpu_uuid=\"" + GPU1 + "\"} NaN\n";
    scrape(text.formatted(0));
    clock.advanceMillis(1_000);
    BackendOccupancy second = scrape(text.formatted(700_000));

    DeviceOccupancy gpu1 = device(second, "gpu1");
    assertThat(gpu1.used()).isCloseTo(0.7, within(1e-9));
    assertThat(gpu1.unattributed()).isZero();
    assertThat(gpu1.memoryTotalBytes()).isZero();
    assertThat(device(second, "gpu0").used()).isZero();
    assertThat(device(second, "cpu").used()).isZero();
  }

  @Test
  void clampsSharesAndGaugesToOne() {
    BackendInventory oneGpu = InventoryBuilder.build(
        TARGET, Map.of("bert", List.of(InstanceGroup.gpu(1, 0))), List.of(GPU0), Map.of(), 0);
    String text = "nv_inference_compute_infer_duration_us{model=\"bert\",version=\"1\"} %d\n"
        + "nv_gpu_utilization{gpu_uuid=\"" + GPU0 + "\"} 1.7\n";
    calculator.observe(oneGpu, PrometheusText.parse(text.formatted(0)), clock.nanoTime(), 0);
    clock.advanceMillis(1_000);
    BackendOccupancy second = calculator.observe(oneGpu, PrometheusText.parse(text.formatted(3_000_000)), clock.nanoTime(), 0);

    DeviceOccupancy gpu0 = device(second, "gpu0");
    assertThat(gpu0.used()).isEqualTo(1.0);
    assertThat(gpu0.free()).isZero();
    assertThat(gpu0.models().get("bert")).isEqualTo(1.0);
  }

  @Test
  void ignoresSeriesOfUnknownModelsAndGpusAndBadInput() {
    String text = """
        nv_inference_compute_infer_duration_us{model="ghost",version="1"} %d
        nv_inference_compute_infer_duration_us{gpu_uuid="GPU-unknown",model="bert",version="1"} %d
        nv_inference_compute_infer_duration_us{version="1"} %d
        this is not prometheus
        """;
    scrape(text.formatted(0, 0, 0));
    clock.advanceMillis(1_000);
    BackendOccupancy second = scrape(text.formatted(1_000, 1_000, 1_000));

    assertThat(second.devices()).allSatisfy(d -> {
      assertThat(d.models()).doesNotContainKey("ghost");
      assertThat(d.models().values()).allSatisfy(share -> assertThat(share).isZero());
    });
  }

  @Test
  void flagsEveryDeviceDownWhenTheInventoryIs() {
    BackendOccupancy occupancy = calculator.observe(
        inventory.withDown(true), PrometheusText.parse(TritonFixtures.metrics(1)), clock.nanoTime(), 0);
    assertThat(occupancy.devices()).hasSize(3).allMatch(DeviceOccupancy::down);
  }
}
