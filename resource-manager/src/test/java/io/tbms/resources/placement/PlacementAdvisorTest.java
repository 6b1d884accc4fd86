package io.tbms.resources.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.resources.DeviceKind;
import io.tbms.resources.DeviceOccupancy;
import io.tbms.resources.PlacementAdvice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementAdvisorTest {

  private final PlacementAdvisor advisor = new PlacementAdvisor(PlacementPolicy.ofDefaults());

  static DeviceOccupancy gpu(String name, double used, Map<String, Double> models) {
    return device(name, DeviceKind.GPU, used, models, false);
  }

  static DeviceOccupancy device(String name, DeviceKind kind, double used, Map<String, Double> models, boolean down) {
    double share = models.values().stream().mapToDouble(Double::doubleValue).sum();
    return new DeviceOccupancy("h/" + name, name, kind, "http://h:8002/metrics", used, 1 - used, models,
        Math.max(0, used - share), 0, 0, 0, down);
  }

  @Test
  void coLocatesLightlyUsedGpusAndNamesTheDevicesItFrees() {
    List<PlacementAdvice> advice = advisor.advise(List.of(
        gpu("gpu0", 0.20, Map.of("embedding", 0.20)),
        gpu("gpu1", 0.10, Map.of("embedding", 0.06, "svm", 0.04)),
        gpu("gpu2", 0.50, Map.of("bert", 0.50))));

    assertThat(advice).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(PlacementAdvice.Kind.CO_LOCATE);
      assertThat(a.models()).containsExactly("embedding", "svm");
      assertThat(a.fromDevices()).containsExactly("h/gpu1");
      assertThat(a.toDevice()).isEqualTo("h/gpu0");
      assertThat(a.freedDevices()).containsExactly("h/gpu1");
      assertThat(a.reason()).contains("embedding 6% from h/gpu1", "h/gpu0 (used 20% -> 30%", "target 70%");
    });
  }

  @Test
  void doesNotCoLocateWhenTheModelsWouldPassTheTarget() {
    PlacementAdvisor strict = new PlacementAdvisor(new PlacementPolicy(0.30, 0.35, 0.85, 0.85));
    assertThat(strict.advise(List.of(
        gpu("gpu0", 0.25, Map.of("a", 0.25)),
        gpu("gpu1", 0.20, Map.of("b", 0.20))))).isEmpty();
  }

  @Test
  void doesNotCoLocateBeyondAGpusMemory() {
    DeviceOccupancy full = new DeviceOccupancy("h/gpu0", "gpu0", DeviceKind.GPU, "m", 0.1, 0.9, Map.of("a", 0.1), 0,
        900, 1000, 0, false);
    DeviceOccupancy other = new DeviceOccupancy("h/gpu1", "gpu1", DeviceKind.GPU, "m", 0.1, 0.9, Map.of("b", 0.1), 0,
        200, 1000, 0, false);
    assertThat(advisor.advise(List.of(full, other))).isEmpty();
  }

  @Test
  void leavesCpusDownDevicesAndEmptyGpusOutOfCoLocation() {
    assertThat(advisor.advise(List.of(
        gpu("gpu0", 0.10, Map.of("a", 0.10)),
        device("gpu1", DeviceKind.GPU, 0.10, Map.of("b", 0.10), true),
        device("cpu", DeviceKind.CPU, 0.10, Map.of("c", 0.10), false),
        gpu("gpu2", 0.0, Map.of())))).isEmpty();
  }

  @Test
  void addsAReplicaOfTheHotDevicesBusiestModelWhereThereIsMostRoom() {
    List<PlacementAdvice> advice = advisor.advise(List.of(
        gpu("gpu0", 0.95, Map.of("embedding", 0.70, "svm", 0.20)),
        gpu("gpu1", 0.60, Map.of("bert", 0.60)),
        gpu("gpu2", 0.05, Map.of("keyword", 0.05))));

    assertThat(advice).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(PlacementAdvice.Kind.ADD_REPLICA);
      assertThat(a.models()).containsExactly("embedding");
      assertThat(a.fromDevices()).containsExactly("h/gpu0");
      assertThat(a.toDevice()).isEqualTo("h/gpu2");
      assertThat(a.freedDevices()).isEmpty();
      assertThat(a.reason()).contains("h/gpu0 used 95% >= 85%", "embedding 70%", "5% -> 75%");
    });
  }

  @Test
  void asksForAnotherDeviceWhenNoneHasRoom() {
    List<PlacementAdvice> advice = advisor.advise(List.of(
        gpu("gpu0", 0.90, Map.of("embedding", 0.80)),
        gpu("gpu1", 0.50, Map.of("bert", 0.50)),
        device("cpu", DeviceKind.CPU, 0.0, Map.of(), false)));

    assertThat(advice).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(PlacementAdvice.Kind.ADD_DEVICE);
      assertThat(a.toDevice()).isNull();
      assertThat(a.models()).containsExactly("embedding");
      assertThat(a.reason()).contains("no GPU has room for 80% within 85%");
    });
  }

  @Test
  void neverAdvisesAReplicaOnADeviceThatRunsTheModelAlready() {
    List<PlacementAdvice> advice = advisor.advise(List.of(
        gpu("gpu0", 0.90, Map.of("embedding", 0.90)),
        gpu("gpu1", 0.10, Map.of("embedding", 0.10))));

    assertThat(advice).extracting(PlacementAdvice::kind).containsExactly(PlacementAdvice.Kind.ADD_DEVICE);
  }
}
