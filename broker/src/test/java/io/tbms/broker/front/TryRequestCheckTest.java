package io.tbms.broker.front;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.protocol.broker.v1.ModelRef;
import io.tbms.protocol.broker.v1.Query;
import io.tbms.protocol.broker.v1.TryRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TryRequestCheckTest {

  private static final Set<String> KNOWN = Set.of("embedding", "svm", "bayes", "keyword");

  private static TryRequest.Builder valid() {
    return TryRequest.newBuilder()
        .setQuery(Query.newBuilder().setText("what is my balance"))
        .setBudgetMs(50)
        .addModels(ModelRef.newBuilder().setName("embedding").setEstMs(35))
        .addModels(ModelRef.newBuilder().setName("svm").setEstMs(25));
  }

  private static String field(TryRequest.Builder request) {
    return TryRequestCheck.check(request.build(), KNOWN).map(BadRequest::field).orElse("ok");
  }

  @Test
  void acceptsTheSeedsQuery() {
    assertThat(field(valid())).isEqualTo("ok");
  }

  @Test
  void namesTheBudgetWhenItIsOutOfRange() {
    assertThat(field(valid().setBudgetMs(0))).isEqualTo("budget_ms");
    assertThat(field(valid().setBudgetMs(60_001))).isEqualTo("budget_ms");
  }

  @Test
  void namesAnEmptyOrOversizedChain() {
    assertThat(field(valid().clearModels())).isEqualTo("models");
    TryRequest.Builder tooLong = valid().clearModels();
    for (int i = 0; i < 17; i++) {
      tooLong.addModels(ModelRef.newBuilder().setName("svm"));
    }
    assertThat(field(tooLong)).isEqualTo("models");
  }

  @Test
  void namesTheEntryOfAnUnknownModelOrANegativeEstimate() {
    assertThat(field(valid().addModels(ModelRef.newBuilder().setName("gpt")))).isEqualTo("models[2].name");
    assertThat(field(valid().setModels(1, ModelRef.newBuilder().setName("svm").setEstMs(-1)))).isEqualTo("models[1].est_ms");
    assertThat(field(valid().setModels(1, ModelRef.newBuilder().setName("svm").setEstMs(Double.NaN)))).isEqualTo("models[1].est_ms");
  }

  @Test
  void namesAMissingOrOversizedQuery() {
    assertThat(field(valid().clearQuery())).isEqualTo("query");
    assertThat(field(valid().setQuery(Query.newBuilder().setText("x".repeat(TryRequestCheck.MAX_QUERY_BYTES + 1)))))
        .isEqualTo("query.text");
  }

  @Test
  void namesCrossLagAboveTheBudgetAndPriorityOutOfRange() {
    assertThat(field(valid().setCrossLagMs(51))).isEqualTo("cross_lag_ms");
    assertThat(field(valid().setPriority(10))).isEqualTo("priority");
    assertThat(field(valid().setPriority(9).setCrossLagMs(50))).isEqualTo("ok");
  }
}
