package io.tbms.broker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.backend.internal.PendingCall;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.common.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link DeviceAwareChooser} when it knows no devices: the fewest outstanding calls. */
class LeastOutstandingChoiceTest {

  private static final InferInput ONE = new InferInput.Texts(List.of("hi"));
  private final ManualClock clock = new ManualClock();
  private final BackendConfig config = BackendConfig.builder().window(2, 2).build();
  private final DeviceAwareChooser chooser = DeviceAwareChooser.leastOutstanding();

  private GuardedReplica replica(int port) {
    ReplicaConfig at = new ReplicaConfig("127.0.0.1", port, Transport.GRPC, "cpu");
    return new GuardedReplica("m", new FakeReplicaClient(at), config, clock);
  }

  private static void keepBusy(GuardedReplica replica, int calls) {
    for (int i = 0; i < calls; i++) {
      replica.infer("", ONE);
    }
  }

  private static void openCircuit(GuardedReplica replica) {
    for (int i = 0; i < 2; i++) {
      replica.infer("", ONE);
      ((FakeReplicaClient) replica.client()).last()
          .fail(new BackendException(BackendException.Reason.BACKEND_ERROR, "boom"));
    }
  }

  @Test
  void picksTheReplicaWithTheFewestOutstandingCalls() {
    GuardedReplica a = replica(1);
    GuardedReplica b = replica(2);
    GuardedReplica c = replica(3);
    keepBusy(a, 3);
    keepBusy(b, 1);
    keepBusy(c, 2);
    for (int i = 0; i < 5; i++) {
      assertThat(chooser.choose("m", List.of(a, b, c))).containsSame(b);
    }
  }

  @Test
  void skipsReplicasWhoseCircuitIsOpenEvenWhenTheyAreIdle() {
    GuardedReplica open = replica(1);
    GuardedReplica busy = replica(2);
    openCircuit(open);
    keepBusy(busy, 5);
    assertThat(open.outstanding()).isZero();
    assertThat(chooser.choose("m", List.of(open, busy))).containsSame(busy);
  }

  @Test
  void choosesNothingWhenEveryCircuitIsOpen() {
    GuardedReplica a = replica(1);
    GuardedReplica b = replica(2);
    openCircuit(a);
    openCircuit(b);
    assertThat(chooser.choose("m", List.of(a, b))).isEmpty();
  }

  @Test
  void takesTurnsAmongEquallyIdleReplicas() {
    List<GuardedReplica> replicas = List.of(replica(1), replica(2), replica(3));
    List<GuardedReplica> picks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      picks.add(chooser.choose("m", replicas).orElseThrow());
    }
    assertThat(picks.subList(0, 3)).containsExactlyInAnyOrderElementsOf(replicas);
    assertThat(picks.subList(3, 6)).containsExactlyInAnyOrderElementsOf(replicas);
  }

  @Test
  void countsACallAsOutstandingUntilItFinishes() {
    GuardedReplica a = replica(1);
    GuardedReplica b = replica(2);
    keepBusy(a, 1);
    assertThat(chooser.choose("m", List.of(a, b))).containsSame(b);
    PendingCall call = ((FakeReplicaClient) a.client()).last();
    call.complete(List.of(new ModelAnswer("x", 1f)));
    keepBusy(b, 1);
    assertThat(a.outstanding()).isZero();
    assertThat(chooser.choose("m", List.of(a, b))).isEqualTo(Optional.of(a));
  }
}
