package io.tbms.client.internal;

import static io.tbms.client.ModelChain.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.client.MixGroup;
import io.tbms.client.MixGroups;
import io.tbms.client.ModelChain;
import io.tbms.client.TryOptions;
import io.tbms.protocol.broker.v1.MixTryRequest;
import io.tbms.protocol.broker.v1.TryRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 14: a query given no priority must leave the broker's {@code default_priority} in force. */
class RequestsTest {

  static final ModelChain CHAIN = ModelChain.of(model("svm", 25), model("keyword", 5));
  static final MixGroups GROUPS = MixGroups.of(MixGroup.max("mix1", model("svm", 25), model("bayes", 15)));

  @Test
  void withoutAPriorityTheRequestsCarryNone() {
    TryOptions options = TryOptions.budget(Duration.ofMillis(50));
    assertThat(options.priority()).isNull();
    assertThat(Requests.tryRequest("hi", CHAIN, options).hasPriority()).isFalse();
    assertThat(Requests.mixTryRequest("hi", GROUPS, options).hasPriority()).isFalse();
  }

  @Test
  void aGivenPriorityIsSentEvenTheMostImportant() {
    for (int priority : new int[] {0, 9}) {
      TryOptions options = TryOptions.budget(Duration.ofMillis(50)).withPriority(priority);
      TryRequest single = Requests.tryRequest("hi", CHAIN, options);
      MixTryRequest mix = Requests.mixTryRequest("hi", GROUPS, options);
      assertThat(single.hasPriority()).isTrue();
      assertThat(single.getPriority()).isEqualTo(priority);
      assertThat(mix.hasPriority()).isTrue();
      assertThat(mix.getPriority()).isEqualTo(priority);
    }
  }

  @Test
  void aPriorityCanBeClearedBackToTheBrokersDefault() {
    TryOptions cleared = TryOptions.budget(Duration.ofMillis(50)).withPriority(3).withPriority(null);
    assertThat(Requests.tryRequest("hi", CHAIN, cleared).hasPriority()).isFalse();
  }
}
