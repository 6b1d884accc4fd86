package io.tbms.resources.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.resources.DeviceKind;
import io.tbms.resources.DeviceOccupancy;
import io.tbms.resources.PlacementAdvice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Co-location never overfills a device and the devices it frees end empty. */
class CoLocationInvariantsTest {

  private static final PlacementPolicy POLICY = PlacementPolicy.ofDefaults();

  @Property(tries = 500)
  void coLocationKeepsEveryReceivingDeviceWithinTheTarget(@ForAll("gpus") List<DeviceOccupancy> gpus) {
    Map<String, Double> load = new HashMap<>();
    gpus.forEach(g -> load.put(g.id(), g.used()));
    Map<String, DeviceOccupancy> byId = new HashMap<>();
    gpus.forEach(g -> byId.put(g.id(), g));
    for (PlacementAdvice advice : coLocations(gpus)) {
      assertThat(advice.fromDevices()).doesNotContain(advice.toDevice());
      for (String from : advice.fromDevices()) {
        byId.get(from).models().forEach((model, share) -> {
          if (advice.models().contains(model)) {
            load.merge(advice.toDevice(), share, Double::sum);
          }
        });
      }
      assertThat(byId.get(advice.toDevice()).used()).isLessThan(POLICY.coLocateBelow());
    }
    for (PlacementAdvice advice : coLocations(gpus)) {
      assertThat(load.get(advice.toDevice())).isLessThanOrEqualTo(POLICY.coLocateTarget() + 1e-9);
    }
  }

  @Property(tries = 500)
  void freedDevicesEndEmptyAndReceiveNothing(@ForAll("gpus") List<DeviceOccupancy> gpus) {
    List<PlacementAdvice> advice = coLocations(gpus);
    List<String> freed = new ArrayList<>();
    advice.forEach(a -> freed.addAll(a.freedDevices()));
    Map<String, List<String>> leaving = new HashMap<>();
    advice.forEach(a -> a.fromDevices().forEach(from -> leaving.computeIfAbsent(from, f -> new ArrayList<>())));
    for (String id : freed) {
      assertThat(advice).noneMatch(a -> id.equals(a.toDevice()));
      assertThat(leaving).containsKey(id);
    }
    // every model of a freed device is named by an advice that moves it away from there
    for (DeviceOccupancy gpu : gpus) {
      if (freed.contains(gpu.id())) {
        for (String model : gpu.models().keySet()) {
          assertThat(advice).anyMatch(a -> a.fromDevices().contains(gpu.id()) && a.models().contains(model));
        }
      }
    }
  }

  private static List<PlacementAdvice> coLocations(List<DeviceOccupancy> gpus) {
    return new PlacementAdvisor(POLICY).advise(gpus).stream()
        .filter(a -> a.kind() == PlacementAdvice.Kind.CO_LOCATE).toList();
  }

  @Provide
  Arbitrary<List<DeviceOccupancy>> gpus() {
    // model names are unique per device, so an advice's models say exactly which shares move
    Arbitrary<Map<String, Double>> models = Arbitraries.doubles().between(0.0, 0.3).list().ofMaxSize(3)
        .map(shares -> {
          Map<String, Double> named = new LinkedHashMap<>();
          for (int k = 0; k < shares.size(); k++) {
            named.put("m" + k, shares.get(k));
          }
          return named;
        });
    Arbitrary<Double> extra = Arbitraries.doubles().between(0.0, 0.1);
    return Combinators.combine(models, extra).as(CoLocationInvariantsTest::gpu)
        .list().ofMinSize(0).ofMaxSize(8)
        .map(list -> {
          List<DeviceOccupancy> named = new ArrayList<>();
          for (int i = 0; i < list.size(); i++) {
            DeviceOccupancy d = list.get(i);
            Map<String, Double> unique = new LinkedHashMap<>();
            int device = i;
            d.models().forEach((model, share) -> unique.put(model + "@" + device, share));
            named.add(new DeviceOccupancy("h/gpu" + i, "gpu" + i, DeviceKind.GPU, "m", d.used(), d.free(), unique,
                d.unattributed(), 0, 0, 0, false));
          }
          return named;
        });
  }

  private static DeviceOccupancy gpu(Map<String, Double> models, double extra) {
    double share = models.values().stream().mapToDouble(Double::doubleValue).sum();
    double used = Math.min(1, share + extra);
    return new DeviceOccupancy("x", "x", DeviceKind.GPU, "m", used, 1 - used, new LinkedHashMap<>(models),
        used - Math.min(used, share), 0, 0, 0, false);
  }
}
