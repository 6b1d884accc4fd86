package io.tbms.broker.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tbms.broker.front.HttpRoutes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WarmUpStateTest {

  private final WarmUpState state = new WarmUpState();

  @Test
  void isNotDoneWhileAnyReplicaWarmsAndNamesIt() {
    state.set("svm", "h:1", ReplicaWarmth.WARMING);
    state.set("bayes", "h:1", new ReplicaWarmth.Warm(2_000_000));
    assertThat(state.done()).isFalse();
    assertThat(state.reason()).isEqualTo("warming up: svm at h:1");
    assertThat(state.summary("svm")).isEqualTo("warming");
    assertThat(state.summary("bayes")).isEqualTo("warm");
    assertThat(state.toJson().getJsonObject("bayes").getString("h:1")).isEqualTo("warm (2.0 ms)");
  }

  @Test
  void isDoneWhenEveryReplicaSettledAndOneIsWarmEvenIfAnotherFailed() {
    state.set("svm", "h:1", new ReplicaWarmth.Failed("TRANSPORT: h:1: connection refused"));
    state.set("bayes", "h:1", new ReplicaWarmth.Warm(1));
    assertThat(state.done()).isTrue();
    assertThat(state.summary("svm")).isEqualTo("warm-up failed");
    assertThat(state.toJson().getJsonObject("svm").getString("h:1")).isEqualTo("failed: TRANSPORT: h:1: connection refused");
  }

  @Test
  void isNotDoneWhenNoReplicaAnswered() {
    assertThat(state.done()).isFalse();
    assertThat(state.reason()).isEqualTo("no model to warm up");
    state.set("svm", "h:1", new ReplicaWarmth.Failed("no answer within 5000 ms"));
    assertThat(state.done()).isFalse();
    assertThat(state.reason()).isEqualTo("no replica of any model answered its warm-up call");
  }

  @Test
  void onceDoneAReplicaAddedLaterDoesNotMakeTheBrokerColdAgain() {
    state.set("svm", "h:1", new ReplicaWarmth.Warm(1));
    assertThat(state.done()).isTrue();
    state.set("svm", "h:2", ReplicaWarmth.WARMING);
    assertThat(state.done()).isTrue();
    assertThat(state.summary("svm")).isEqualTo("warm");
    assertThat(state.summary("unknown")).isNull();
  }

  @Test
  void readinessNeedsTheWarmUpTheClusterAndAModelWithACircuitNotOpen() {
    Set<String> open = new HashSet<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ReadinessCheck check = new ReadinessCheck(() -> List.of("svm", "bayes"), open::contains, state, running::get);
    state.set("svm", "h:1", ReplicaWarmth.WARMING);
    state.set("bayes", "h:1", new ReplicaWarmth.Warm(1));
    HttpRoutes.Readiness warming = check.get();
    assertThat(warming.ready()).isFalse();
    assertThat(warming.details().getString("reason")).isEqualTo("warming up: svm at h:1");
    assertThat(warming.details().getJsonObject("models").getMap()).containsEntry("svm", "warming").containsEntry("bayes", "ok");

    state.set("svm", "h:1", new ReplicaWarmth.Warm(1));
    assertThat(check.get().ready()).isTrue();
    assertThat(check.get().details().containsKey("reason")).isFalse();

    open.addAll(List.of("svm", "bayes"));
    assertThat(check.get().ready()).isFalse();
    assertThat(check.get().details().getString("reason")).isEqualTo("every model's circuit is open");
    open.clear();
    running.set(false);
    assertThat(check.get().ready()).isFalse();
    assertThat(check.get().details().getString("reason")).isEqualTo("the cluster member is not running");
  }

  @Test
  void refusesBadConfigNamingTheField() {
    assertThatThrownBy(() -> new WarmUpConfig(" ", Duration.ofSeconds(1))).hasMessageContaining("text");
    assertThatThrownBy(() -> new WarmUpConfig("hi", Duration.ZERO)).hasMessageContaining("timeout");
  }
}
