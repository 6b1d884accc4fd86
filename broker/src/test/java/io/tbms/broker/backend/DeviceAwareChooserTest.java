package io.tbms.broker.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.common.time.ManualClock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceAwareChooserTest {

  private static final InferInput ONE = new InferInput.Texts(List.of("hi"));
  private final ManualClock clock = new ManualClock();
  private final BackendConfig config = BackendConfig.builder().window(2, 2).build();
  private final Map<String, Double> used = new HashMap<>();
  private final Set<String> down = new HashSet<>();
  private final DeviceLoad load = new DeviceLoad() {
    @Override
    public OptionalDouble used(String host, String device) {
      Double share = used.get(host + "/" + device);
      return share == null ? OptionalDouble.empty() : OptionalDouble.of(share);
    }

    @Override
    public boolean down(String model, String address) {
      return down.contains(address);
    }
  };
  private final DeviceAwareChooser chooser = new DeviceAwareChooser(load, 0.85);

  private GuardedReplica replica(String host, String device) {
    return new GuardedReplica("m", new FakeReplicaClient(new ReplicaConfig(host, 8001, Transport.GRPC, device)), config, clock);
  }

  private static void keepBusy(GuardedReplica replica, int calls) {
    for (int i = 0; i < calls; i++) {
      replica.infer("", ONE);
    }
  }

  @Test
  void prefersAReplicaWhoseDeviceHasRoomOverAnIdlerOneOnAHotDevice() {
    GuardedReplica hot = replica("10.0.0.1", "gpu0");
    GuardedReplica roomy = replica("10.0.0.2", "gpu0");
    used.put("10.0.0.1/gpu0", 0.95);
    used.put("10.0.0.2/gpu0", 0.40);
    keepBusy(roomy, 3);
    for (int i = 0; i < 4; i++) {
      assertThat(chooser.choose("m", List.of(hot, roomy))).containsSame(roomy);
    }
  }

  @Test
  void aReplicaOnSeveralDevicesHasRoomOnlyWhenEachHas() {
    GuardedReplica split = replica("10.0.0.1", "gpu0+gpu1");
    GuardedReplica single = replica("10.0.0.2", "gpu0");
    used.put("10.0.0.1/gpu0", 0.10);
    used.put("10.0.0.1/gpu1", 0.90);
    keepBusy(single, 2);
    assertThat(chooser.choose("m", List.of(split, single))).containsSame(single);
  }

  @Test
  void amongReplicasWithRoomTakesTheFewestOutstandingAndUnknownDevicesCountAsRoom() {
    GuardedReplica known = replica("10.0.0.1", "gpu0");
    GuardedReplica unknown = replica("10.0.0.2", "gpu0");
    used.put("10.0.0.1/gpu0", 0.20);
    keepBusy(known, 2);
    keepBusy(unknown, 1);
    assertThat(chooser.choose("m", List.of(known, unknown))).containsSame(unknown);
  }

  @Test
  void whenNoDeviceHasRoomFallsBackToTheFewestOutstanding() {
    GuardedReplica a = replica("10.0.0.1", "gpu0");
    GuardedReplica b = replica("10.0.0.2", "gpu0");
    used.put("10.0.0.1/gpu0", 0.99);
    used.put("10.0.0.2/gpu0", 0.90);
    keepBusy(a, 1);
    assertThat(chooser.choose("m", List.of(a, b))).containsSame(b);
  }

  @Test
  void neverChoosesAReplicaMarkedDownEvenWithRoom() {
    GuardedReplica gone = replica("10.0.0.1", "gpu0");
    GuardedReplica busy = replica("10.0.0.2", "gpu0");
    used.put("10.0.0.2/gpu0", 0.99);
    keepBusy(busy, 5);
    down.add("10.0.0.1:8001");
    assertThat(chooser.choose("m", List.of(gone, busy))).containsSame(busy);
    down.add("10.0.0.2:8001");
    assertThat(chooser.choose("m", List.of(gone, busy))).isEmpty();
  }

  @Test
  void neverChoosesAReplicaWhoseCircuitIsOpen() {
    GuardedReplica open = replica("10.0.0.1", "gpu0");
    for (int i = 0; i < 2; i++) {
      open.infer("", ONE);
      ((FakeReplicaClient) open.client()).last().fail(new BackendException(BackendException.Reason.BACKEND_ERROR, "boom"));
    }
    assertThat(chooser.choose("m", List.of(open))).isEmpty();
  }

  @Test
  void refusesAThresholdOutsideZeroToOne() {
    assertThatThrownBy(() -> new DeviceAwareChooser(load, 0)).hasMessageContaining("roomThreshold");
    assertThatThrownBy(() -> new DeviceAwareChooser(load, 1.5)).hasMessageContaining("roomThreshold");
  }
}
