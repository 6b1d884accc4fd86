package io.tbms.protocol.broker.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.util.JsonFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * broker.proto's field names are the JSON names of docs/design.md §2, and its enum values map
 * one-to-one onto its spellings by the rule written in broker.proto.
 */
class BrokerJsonNamesTest {

  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().preservingProtoFieldNames();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  @Test
  void tryRequestRoundTripsThroughJsonWithDesignFieldNames() throws Exception {
    TryRequest request = TryRequest.newBuilder()
        .setTask("Task A")
        .setQuery(Query.newBuilder().setText("how do I reset my pin"))
        .addModels(ModelRef.newBuilder().setName("embedding").setVersion("1").setEstMs(35))
        .addModels(ModelRef.newBuilder().setName("svm").setEstMs(5))
        .setBudgetMs(50)
        .setCrossRequest(true)
        .setCrossLagMs(10)
        .setPriority(3)
        .setPolicy(Policy.POLICY_BEST)
        .build();

    String json = PRINTER.print(request);
    JsonObject object = JsonParser.parseString(json).getAsJsonObject();

    assertThat(object.keySet()).containsExactlyInAnyOrder(
        "task", "query", "models", "budget_ms", "cross_request", "cross_lag_ms", "priority",
        "policy");
    assertThat(object.getAsJsonObject("query").keySet()).containsExactly("text");
    assertThat(object.getAsJsonArray("models").get(0).getAsJsonObject().keySet())
        .containsExactlyInAnyOrder("name", "version", "est_ms");
    assertThat(object.get("budget_ms").getAsInt()).isEqualTo(50);
    assertThat(object.getAsJsonArray("models").get(1).getAsJsonObject().get("est_ms").getAsDouble())
        .isEqualTo(5.0);
    assertThat(parse(json, TryRequest.getDefaultInstance())).isEqualTo(request);
  }

  @Test
  void designStyleTryRequestJsonParsesOnceEnumValuesAreMapped() throws Exception {
    // A body like the example of docs/design.md §2; only "policy" needs the documented enum mapping.
    String designJson = """
        {"task": "Task A",
         "query": {"text": "how do I reset my pin"},
         "models": [{"name": "embedding", "est_ms": 35}, {"name": "svm", "est_ms": 5}],
         "budget_ms": 50, "cross_request": false, "cross_lag_ms": 0, "priority": 0}
        """;

    TryRequest request = parse(designJson, TryRequest.getDefaultInstance());

    assertThat(request.getModelsList()).extracting(ModelRef::getName)
        .containsExactly("embedding", "svm");
    assertThat(request.getModels(0).getEstMs()).isEqualTo(35.0);
    assertThat(request.getModels(0).getVersion()).isEmpty();
    assertThat(request.hasPriority()).isTrue();
    assertThat(request.getPolicy()).isEqualTo(Policy.POLICY_FIRST);
    assertThat(Policy.valueOf("POLICY_" + "best".toUpperCase(Locale.ROOT)))
        .isEqualTo(Policy.POLICY_BEST);
  }

  @Test
  void absentOptionalFieldsStayDistinguishableFromZero() throws Exception {
    TryRequest request = TryRequest.newBuilder()
        .addModels(ModelRef.newBuilder().setName("keyword"))
        .setBudgetMs(20)
        .build();

    TryRequest parsed = parse(PRINTER.print(request), TryRequest.getDefaultInstance());

    assertThat(parsed.hasPriority()).isFalse();
    assertThat(parsed.getModels(0).hasEstMs()).isFalse();
  }

  @Test
  void mixTryRequestUsesGroupsWithCombine() throws Exception {
    MixTryRequest request = MixTryRequest.newBuilder()
        .setQuery(Query.newBuilder().setText("freeze my card"))
        .addGroups(ModelGroup.newBuilder()
            .setName("mix1")
            .setCombine(Combine.COMBINE_AVG)
            .addModels(ModelRef.newBuilder().setName("svm").setEstMs(5))
            .addModels(ModelRef.newBuilder().setName("bayes").setEstMs(3)))
        .setBudgetMs(40)
        .build();

    String json = PRINTER.print(request);
    JsonObject object = JsonParser.parseString(json).getAsJsonObject();

    assertThat(object.keySet()).containsExactlyInAnyOrder("query", "groups", "budget_ms");
    assertThat(object.getAsJsonArray("groups").get(0).getAsJsonObject().keySet())
        .containsExactlyInAnyOrder("name", "combine", "models");
    assertThat(parse(json, MixTryRequest.getDefaultInstance())).isEqualTo(request);
  }

  @Test
  void tryResponseRoundTripsThroughJsonWithDesignFieldNames() throws Exception {
    TryResponse response = TryResponse.newBuilder()
        .setStatus(TryResponse.Status.STATUS_ANSWERED)
        .setAnswer(Answer.newBuilder()
            .setLabel("card_pin_reset").setScore(0.91f).setText("You can reset your PIN in ..."))
        .setModel("svm")
        .setRank(1)
        .setDowngraded(true)
        .setElapsedMs(27.4)
        .addTrace(TraceEntry.newBuilder()
            .setModel("embedding").setOutcome(TraceEntry.Outcome.OUTCOME_LATE).setFiredMs(0.0))
        .addTrace(TraceEntry.newBuilder()
            .setModel("svm").setOutcome(TraceEntry.Outcome.OUTCOME_ANSWERED)
            .setFiredMs(20.0).setDoneMs(27.4))
        .build();

    String json = PRINTER.print(response);
    JsonObject object = JsonParser.parseString(json).getAsJsonObject();

    assertThat(object.keySet()).containsExactlyInAnyOrder(
        "status", "answer", "model", "rank", "downgraded", "elapsed_ms", "trace");
    assertThat(object.getAsJsonObject("answer").keySet())
        .containsExactlyInAnyOrder("label", "score", "text");
    JsonObject late = object.getAsJsonArray("trace").get(0).getAsJsonObject();
    JsonObject answered = object.getAsJsonArray("trace").get(1).getAsJsonObject();
    // fired_ms 0.0 is a proto3 default and JsonFormat leaves it out; done_ms is absent (null)
    assertThat(late.keySet()).containsExactlyInAnyOrder("model", "outcome");
    assertThat(answered.keySet())
        .containsExactlyInAnyOrder("model", "outcome", "fired_ms", "done_ms");
    TryResponse parsed = parse(json, TryResponse.getDefaultInstance());
    assertThat(parsed).isEqualTo(response);
    assertThat(parsed.getTrace(0).hasDoneMs()).isFalse();
    assertThat(parsed.getTrace(1).getDoneMs()).isEqualTo(27.4);
  }

  @Test
  void everyEnumValueMapsOneToOneOntoDesignSpelling() {
    assertThat(designNames(Policy.values(), "POLICY_", true)).containsExactlyInAnyOrder(
        "first", "best");
    assertThat(designNames(Combine.values(), "COMBINE_", true)).containsExactlyInAnyOrder(
        "max", "avg");
    assertThat(designNames(TryResponse.Status.values(), "STATUS_", false))
        .containsExactlyInAnyOrder("ANSWERED", "EMPTY");
    assertThat(designNames(TraceEntry.Outcome.values(), "OUTCOME_", false))
        .containsExactlyInAnyOrder("ANSWERED", "LATE", "CANCELLED", "ERROR", "SKIPPED_LAG",
            "SKIPPED_CIRCUIT", "SHED", "NOT_FIRED");
    assertThat(Policy.forNumber(0)).as("policy default is first").isEqualTo(Policy.POLICY_FIRST);
  }

  /** broker.proto's rule: drop the prefix, lower-case Policy and Combine; skip *_UNSPECIFIED. */
  private static Set<String> designNames(
      ProtocolMessageEnum[] values, String prefix, boolean lowerCase) {
    return Arrays.stream(values)
        .filter(v -> !(v instanceof Enum<?> e && e.name().equals("UNRECOGNIZED")))
        .map(v -> v.getValueDescriptor().getName())
        .filter(name -> !name.endsWith("_UNSPECIFIED"))
        .peek(name -> assertThat(name).startsWith(prefix))
        .map(name -> name.substring(prefix.length()))
        .map(name -> lowerCase ? name.toLowerCase(Locale.ROOT) : name)
        .collect(Collectors.toSet());
  }

  @SuppressWarnings("unchecked")
  private static <M extends Message> M parse(String json, M prototype)
      throws InvalidProtocolBufferException {
    Message.Builder builder = prototype.newBuilderForType();
    PARSER.merge(json, builder);
    return (M) builder.build();
  }
}
