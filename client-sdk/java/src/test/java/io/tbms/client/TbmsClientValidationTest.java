package io.tbms.client;

import static io.tbms.client.ModelChain.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's own checks: defaults, and bad values refused with the field named. */
class TbmsClientValidationTest {

  @Test
  void optionsDefaultToTheSeedsCall() {
    TryOptions options = TryOptions.budget(Duration.ofMillis(50));
    assertThat(options.budget()).isEqualTo(Duration.ofMillis(50));
    assertThat(options.crossRequest()).isTrue();
    assertThat(options.crossLag()).isEqualTo(Duration.ofMillis(10));
    assertThat(options.priority()).as("none: the broker's default applies").isNull();
    assertThat(options.policy()).isEqualTo(Policy.FIRST);
    assertThat(options.task()).isNull();
    assertThat(TryOptions.budget(Duration.ofMillis(4)).crossLag()).isEqualTo(Duration.ofMillis(4));
    assertThat(TryOptions.budgetMillis(50)).isEqualTo(options);
  }

  @Test
  void withCopiesChangeOneFieldAndLeaveTheOriginal() {
    TryOptions base = TryOptions.budget(Duration.ofMillis(50));
    TryOptions changed = base.withCrossRequest(false).withCrossLag(Duration.ofMillis(3)).withPriority(7)
        .withPolicy(Policy.BEST).withTask("faq").withBudget(Duration.ofMillis(80));
    assertThat(changed).isEqualTo(new TryOptions(Duration.ofMillis(80), false, Duration.ofMillis(3), 7, Policy.BEST, "faq"));
    assertThat(base.priority()).isNull();
  }

  @Test
  void badOptionsNameTheirField() {
    assertThatThrownBy(() -> TryOptions.budget(Duration.ZERO)).hasMessageStartingWith("budget must be in 1 ms .. 60000 ms");
    assertThatThrownBy(() -> TryOptions.budget(Duration.ofMillis(60_001))).hasMessageStartingWith("budget ");
    assertThatThrownBy(() -> TryOptions.budget(Duration.ofMillis(-5))).hasMessageStartingWith("budget ");
    assertThatThrownBy(() -> TryOptions.budget(null)).hasMessageStartingWith("budget ");
    TryOptions options = TryOptions.budget(Duration.ofMillis(50));
    assertThatThrownBy(() -> options.withPriority(10)).hasMessage("priority must be in 0..9, was 10");
    assertThatThrownBy(() -> options.withPriority(-1)).hasMessageStartingWith("priority ");
    assertThatThrownBy(() -> options.withCrossLag(Duration.ofMillis(51)))
        .hasMessage("crossLag must be in 0 .. budget (50 ms), was 51 ms");
    assertThatThrownBy(() -> options.withCrossLag(Duration.ofMillis(-1))).hasMessageStartingWith("crossLag ");
    assertThatThrownBy(() -> TryOptions.budget(Duration.ofMillis(50)).withBudget(Duration.ofMillis(5)))
        .hasMessageStartingWith("crossLag ");
    assertThatThrownBy(() -> options.withPolicy(null)).hasMessageStartingWith("policy ");
    assertThatThrownBy(() -> options.withTask(" ")).hasMessageStartingWith("task ");
  }

  @Test
  void chainsHoldOneToSixteenModelsWithEstimatesOfAtLeastZero() {
    ModelChain chain = ModelChain.of(model("svm", 25), model("keyword", 0).withVersion("2"));
    assertThat(chain.models()).containsExactly(new Model("svm", 25, null), new Model("keyword", 0, "2"));
    assertThat(ModelChain.of(Collections.nCopies(16, model("svm", 1))).models()).hasSize(16);
    assertThatThrownBy(() -> ModelChain.of()).hasMessage("models must hold 1..16 models, held 0");
    assertThatThrownBy(() -> ModelChain.of(Collections.nCopies(17, model("svm", 1))))
        .hasMessage("models must hold 1..16 models, held 17");
    assertThatThrownBy(() -> model("svm", -1)).hasMessageStartingWith("estMs of model 'svm' must be a finite number >= 0");
    assertThatThrownBy(() -> model("svm", Double.NaN)).hasMessageStartingWith("estMs ");
    assertThatThrownBy(() -> model("svm", Double.POSITIVE_INFINITY)).hasMessageStartingWith("estMs ");
    assertThatThrownBy(() -> model(" ", 1)).hasMessageStartingWith("name ");
    assertThatThrownBy(() -> model("svm", 1).withVersion("")).hasMessageStartingWith("version of model 'svm'");
    assertThatThrownBy(() -> ModelChain.of(java.util.Arrays.asList(model("svm", 1), null)))
        .hasMessage("models[1] must not be null");
  }

  @Test
  void mixGroupsAreCheckedLikeChains() {
    MixGroups groups = MixGroups.of(MixGroup.max("mix1", model("svm", 25), model("bayes", 15)),
        MixGroup.avg("mix2", model("keyword", 5)));
    assertThat(groups.groups()).extracting(MixGroup::combine).containsExactly(Combine.MAX, Combine.AVG);
    assertThatThrownBy(() -> MixGroup.max("mix1")).hasMessage("models of group 'mix1' must hold 1..16 models, held 0");
    assertThatThrownBy(() -> MixGroup.avg("", model("svm", 1))).hasMessageStartingWith("name ");
    assertThatThrownBy(() -> MixGroups.of(List.of())).hasMessage("groups must hold 1..16 groups, held 0");
  }

  @Test
  void theBuilderNamesWhatIsMissingOrWrong() {
    TbmsClient.Builder ok = TbmsClient.builder().endpoint("localhost:8080").accessId("demo").accessKey("k").instance("demo");
    assertThatThrownBy(() -> TbmsClient.builder().accessId("demo").accessKey("k").instance("demo").build())
        .hasMessageStartingWith("endpoint ");
    assertThatThrownBy(() -> TbmsClient.builder().endpoint("localhost").accessId("demo").accessKey("k").instance("demo").build())
        .hasMessage("endpoint must be host:port, was 'localhost'");
    assertThatThrownBy(() -> ok.endpoint("localhost:99999").build()).hasMessageStartingWith("endpoint port ");
    assertThatThrownBy(() -> ok.endpoint("localhost:http").build()).hasMessageStartingWith("endpoint port ");
    ok.endpoint("localhost:8080");
    assertThatThrownBy(() -> ok.accessId(null).build()).hasMessageStartingWith("accessId ");
    ok.accessId("demo");
    assertThatThrownBy(() -> ok.accessKey("").build()).hasMessageStartingWith("accessKey ");
    ok.accessKey("k");
    assertThatThrownBy(() -> ok.instance(" ").build()).hasMessageStartingWith("instance ");
    ok.instance("demo");
    assertThatThrownBy(() -> ok.timeoutMargin(Duration.ofMillis(-1)).build()).hasMessageStartingWith("timeoutMargin ");
    ok.timeoutMargin(Duration.ofMillis(100));
    try (TbmsClient client = ok.endpoint("[::1]:9000").build()) {
      assertThat(client.config().host()).isEqualTo("::1");
      assertThat(client.config().port()).isEqualTo(9000);
      assertThat(client.config().endpoint()).isEqualTo("[::1]:9000");
      assertThat(client.config().timeoutMargin()).isEqualTo(Duration.ofMillis(100));
      assertThat(client.config().toString()).doesNotContain("accessKey=k").contains("accessKey=<hidden>");
    }
  }

  @Test
  void anEmptyTextIsRefusedBeforeAnythingIsSent() {
    try (TbmsClient client = TbmsClient.builder().endpoint("127.0.0.1:1").accessId("demo").accessKey("k")
        .instance("demo").build()) {
      assertThatThrownBy(() -> client.tryModels("", ModelChain.of(model("svm", 1)), TryOptions.budget(Duration.ofMillis(50))))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("text must not be empty");
    }
  }
}
