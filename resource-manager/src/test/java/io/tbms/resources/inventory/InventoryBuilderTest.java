package io.tbms.resources.inventory;

import static io.tbms.resources.testing.TritonFixtures.GPU0;
import static io.tbms.resources.testing.TritonFixtures.GPU1;
import static io.tbms.resources.testing.TritonFixtures.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.resources.DeviceKind;
import io.tbms.resources.ReplicaPlacement;
import io.tbms.resources.testing.TritonFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryBuilderTest {

  @Test
  void namesGpusByTheirIndexAmongTheMetricsUuids() {
    BackendInventory inventory = InventoryBuilder.build(TARGET, TritonFixtures.models(), List.of(GPU0, GPU1, GPU0), Map.of(), 7);

    assertThat(inventory.devices()).containsExactly(
        new Device("10.0.0.7", "cpu", DeviceKind.CPU, null),
        new Device("10.0.0.7", "gpu0", DeviceKind.GPU, GPU0),
        new Device("10.0.0.7", "gpu1", DeviceKind.GPU, GPU1));
    assertThat(inventory.instances()).containsExactly(
        Map.entry("resnet50", List.of("gpu0", "gpu1")),
        Map.entry("bert", List.of("gpu1")),
        Map.entry("tokenizer", List.of("cpu", "cpu")));
    assertThat(inventory.deviceByUuid(GPU1).orElseThrow().id()).isEqualTo("10.0.0.7/gpu1");
    assertThat(inventory.discoveredAtWallMillis()).isEqualTo(7);
  }

  @Test
  void aPinnedUuidGetsItsName() {
    BackendInventory inventory =
        InventoryBuilder.build(TARGET, TritonFixtures.models(), List.of(GPU0, GPU1), Map.of(GPU1, "a100-left"), 0);

    assertThat(inventory.device("a100-left").orElseThrow().gpuUuid()).isEqualTo(GPU1);
    assertThat(inventory.instances().get("bert")).containsExactly("a100-left");
  }

  @Test
  void aGpuIndexTheMetricsDoNotListStillBecomesADevice() {
    BackendInventory inventory =
        InventoryBuilder.build(TARGET, Map.of("bert", List.of(InstanceGroup.gpu(2, 3))), List.of(GPU0), Map.of(), 0);

    assertThat(inventory.device("gpu3").orElseThrow().gpuUuid()).isNull();
    assertThat(inventory.instances().get("bert")).containsExactly("gpu3", "gpu3");
  }

  @Test
  void autoAndUnlistedGpusMeanEveryGpuOrTheCpu() {
    Map<String, List<InstanceGroup>> models = Map.of(
        "auto", List.of(new InstanceGroup(InstanceGroup.Kind.AUTO, List.of(), 0)),
        "everywhere", List.of(new InstanceGroup(InstanceGroup.Kind.GPU, List.of(), 1)));

    assertThat(InventoryBuilder.build(TARGET, models, List.of(GPU0, GPU1), Map.of(), 0).instances())
        .containsEntry("auto", List.of("gpu0", "gpu1")).containsEntry("everywhere", List.of("gpu0", "gpu1"));
    assertThat(InventoryBuilder.build(TARGET, models, List.of(), Map.of(), 0).instances())
        .containsEntry("auto", List.of("cpu"));
  }

  @Test
  void replicasNameEachDeviceOnceAndCarryTheDownFlag() {
    BackendInventory inventory = InventoryBuilder.build(TARGET, TritonFixtures.models(), List.of(GPU0, GPU1), Map.of(), 0);

    assertThat(inventory.withDown(true).replicas()).containsExactly(
        new ReplicaPlacement("resnet50", "10.0.0.7:8001", List.of("10.0.0.7/gpu0", "10.0.0.7/gpu1"), true),
        new ReplicaPlacement("bert", "10.0.0.7:8001", List.of("10.0.0.7/gpu1"), true),
        new ReplicaPlacement("tokenizer", "10.0.0.7:8001", List.of("10.0.0.7/cpu"), true));
  }
}
