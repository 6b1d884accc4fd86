package io.tbms.broker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.backend.BackendException.Reason;
import io.tbms.broker.backend.internal.PendingCall;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.common.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BackendsTest {

  private static final InferInput ONE = new InferInput.Texts(List.of("hi"));
  private static final ReplicaConfig A = new ReplicaConfig("10.0.0.1", 8001, Transport.GRPC, "gpu0");
  private static final ReplicaConfig B = new ReplicaConfig("10.0.0.2", 8001, Transport.GRPC, "gpu1");
  private static final ReplicaConfig C = new ReplicaConfig("10.0.0.3", 8000, Transport.REST, "cpu");

  private final ManualClock clock = new ManualClock();
  private final List<FakeReplicaClient> created = new CopyOnWriteArrayList<>();
  private final BackendConfig config =
      BackendConfig.builder().window(2, 2).waitInOpenState(Duration.ofSeconds(5)).build();

  private Backends backends(Map<String, ModelConfig> models) {
    return new Backends(models, (model, replica) -> {
      FakeReplicaClient client = new FakeReplicaClient(replica);
      created.add(client);
      return client;
    }, clock, config, DeviceAwareChooser.leastOutstanding());
  }

  private static ModelConfig model(String name, ReplicaConfig... replicas) {
    return new ModelConfig(name, List.of(replicas), "LABEL", "SCORE", Duration.ofMillis(10), 8);
  }

  private FakeReplicaClient clientOf(ReplicaConfig replica) {
    return created.stream().filter(c -> c.replica.equals(replica)).reduce((a, b) -> b).orElseThrow();
  }

  /** Sends calls until the replicas in {@code failing} have open circuits; the others answer. */
  private void openCircuits(Backends backends, String model, Set<ReplicaConfig> failing) {
    for (int i = 0; i < 20 && backends.status(model).stream()
        .anyMatch(s -> failing.contains(s.replica()) && s.callPermitted()); i++) {
      backends.infer(model, "", ONE);
      for (FakeReplicaClient client : created) {
        for (PendingCall call : client.calls) {
          if (failing.contains(client.replica)) {
            call.fail(new BackendException(Reason.TRANSPORT, "refused"));
          } else {
            call.complete(List.of(new ModelAnswer("x", 1f)));
          }
        }
      }
    }
  }

  @Test
  void anUnknownModelFailsWithNoReplica() throws Exception {
    Backends backends = backends(Map.of("svm", model("svm", A)));
    BackendCall call = backends.infer("bayes", "", ONE);
    assertThat(Await.failure(call.result()).reason()).isEqualTo(Reason.NO_REPLICA);
    assertThat(backends.circuitOpen("bayes")).isTrue();
    assertThat(backends.status("bayes")).isEmpty();
  }

  @Test
  void callsGoThroughAReplicaOfTheModel() throws Exception {
    Backends backends = backends(Map.of("svm", model("svm", A)));
    BackendCall call = backends.infer("svm", "", ONE);
    clientOf(A).last().complete(List.of(new ModelAnswer("weather", 0.9f)));
    assertThat(Await.result(call.result())).containsExactly(new ModelAnswer("weather", 0.9f));
  }

  @Test
  void reportsTheCircuitOpenOnlyWhenEveryReplicaRefusesCalls() throws Exception {
    Backends backends = backends(Map.of("svm", model("svm", A, B)));
    openCircuits(backends, "svm", Set.of(A));
    assertThat(backends.status("svm")).extracting(ReplicaStatus::callPermitted).containsExactly(false, true);
    assertThat(backends.circuitOpen("svm")).isFalse();

    openCircuits(backends, "svm", Set.of(A, B));
    assertThat(backends.circuitOpen("svm")).isTrue();
    assertThat(Await.failure(backends.infer("svm", "", ONE).result()).reason()).isEqualTo(Reason.CIRCUIT_OPEN);

    clock.advance(Duration.ofSeconds(5).plusMillis(1));
    assertThat(backends.circuitOpen("svm")).isFalse();
  }

  @Test
  void anUpdateKeepsUnchangedReplicasWithTheirCircuitsAndClosesRemovedOnes() throws Exception {
    Backends backends = backends(Map.of("svm", model("svm", A, B)));
    openCircuits(backends, "svm", Set.of(A));
    FakeReplicaClient a = clientOf(A);
    FakeReplicaClient b = clientOf(B);

    Await.result(backends.update(Map.of("svm", model("svm", A, C), "bayes", model("bayes", A))));

    assertThat(created).hasSize(4);
    assertThat(clientOf(C).closed).isFalse();
    assertThat(b.closed).isTrue();
    assertThat(a.closed).isFalse();
    assertThat(backends.status("svm")).extracting(ReplicaStatus::replica).containsExactly(A, C);
    assertThat(backends.status("svm")).extracting(ReplicaStatus::callPermitted).containsExactly(false, true);
    assertThat(backends.status("bayes")).extracting(ReplicaStatus::callPermitted).containsExactly(true);
    assertThat(backends.models()).containsExactlyInAnyOrder("svm", "bayes");
  }

  @Test
  void changingAModelsAnswerOutputsMakesANewClient() throws Exception {
    Backends backends = backends(Map.of("svm", model("svm", A)));
    FakeReplicaClient before = clientOf(A);
    ModelConfig renamed = new ModelConfig("svm", List.of(A), "CLASS", "PROB", Duration.ofMillis(10), 8);
    Await.result(backends.update(Map.of("svm", renamed)));
    assertThat(before.closed).isTrue();
    assertThat(clientOf(A)).isNotSameAs(before);
  }

  @Test
  void closingFailsLaterCallsWithNoReplica() throws Exception {
    Backends backends = backends(Map.of("svm", model("svm", A)));
    Await.result(backends.close());
    assertThat(clientOf(A).closed).isTrue();
    assertThat(Await.failure(backends.infer("svm", "", ONE).result()).reason()).isEqualTo(Reason.NO_REPLICA);
  }
}
