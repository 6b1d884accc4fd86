package io.tbms.broker.front;

import static io.tbms.broker.front.JsonFields.array;
import static io.tbms.broker.front.JsonFields.bad;
import static io.tbms.broker.front.JsonFields.bool;
import static io.tbms.broker.front.JsonFields.element;
import static io.tbms.broker.front.JsonFields.number;
import static io.tbms.broker.front.JsonFields.object;
import static io.tbms.broker.front.JsonFields.onlyKnown;
import static io.tbms.broker.front.JsonFields.string;
import static io.tbms.broker.front.JsonFields.uint32;

import io.tbms.protocol.broker.v1.Combine;
import io.tbms.protocol.broker.v1.MixTryRequest;
import io.tbms.protocol.broker.v1.ModelGroup;
import io.tbms.protocol.broker.v1.ModelRef;
import io.tbms.protocol.broker.v1.Policy;
import io.tbms.protocol.broker.v1.Query;
import io.tbms.protocol.broker.v1.TryRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The JSON of {@code POST /v1/try} and {@code POST /v1/mix-try} (docs/design.md §2 spelling: {@code
 * "policy": "best"}, {@code "combine": "avg"}) read into the same messages the gRPC front gets.
 * Shape errors refuse with the field named; value limits are checked afterwards, once, for both
 * fronts. Pure and thread-safe.
 */
public final class TryJson {

  private static final Set<String> TRY_FIELDS = Set.of(
      "task", "query", "models", "budget_ms", "cross_request", "cross_lag_ms", "priority", "policy");
  private static final Set<String> MIX_FIELDS = Set.of(
      "task", "query", "groups", "budget_ms", "cross_request", "cross_lag_ms", "priority", "policy");
  private static final Set<String> MODEL_FIELDS = Set.of("name", "version", "est_ms");
  private static final Set<String> GROUP_FIELDS = Set.of("name", "combine", "models");

  private TryJson() {}

  public static TryRequest tryRequest(Buffer body) {
    JsonObject json = root(body);
    onlyKnown(json, "", TRY_FIELDS);
    Shared shared = shared(json);
    TryRequest.Builder request = TryRequest.newBuilder().setTask(shared.task()).setQuery(shared.query())
        .setBudgetMs(shared.budgetMs()).setCrossRequest(shared.crossRequest()).setCrossLagMs(shared.crossLagMs())
        .setPolicy(shared.policy());
    if (shared.priority() >= 0) {
      request.setPriority((int) shared.priority()); // uint32 on the wire: the limits check reads it unsigned
    }
    JsonArray models = array(json, "", "models");
    for (int i = 0; i < models.size(); i++) {
      request.addModels(model(element(models, "models", i), "models[" + i + "]"));
    }
    return request.build();
  }

  public static MixTryRequest mixTryRequest(Buffer body) {
    JsonObject json = root(body);
    onlyKnown(json, "", MIX_FIELDS);
    Shared shared = shared(json);
    MixTryRequest.Builder request = MixTryRequest.newBuilder().setTask(shared.task()).setQuery(shared.query())
        .setBudgetMs(shared.budgetMs()).setCrossRequest(shared.crossRequest()).setCrossLagMs(shared.crossLagMs())
        .setPolicy(shared.policy());
    if (shared.priority() >= 0) {
      request.setPriority((int) shared.priority()); // uint32 on the wire: the limits check reads it unsigned
    }
    JsonArray groups = array(json, "", "groups");
    for (int g = 0; g < groups.size(); g++) {
      String at = "groups[" + g + "]";
      JsonObject group = element(groups, "groups", g);
      onlyKnown(group, at, GROUP_FIELDS);
      ModelGroup.Builder builder = ModelGroup.newBuilder().setName(string(group, at, "name"));
      String combine = string(group, at, "combine");
      builder.setCombine(switch (combine) {
        case "", "max" -> Combine.COMBINE_MAX;
        case "avg" -> Combine.COMBINE_AVG;
        default -> throw bad(at + ".combine", "must be \"max\" or \"avg\", was \"" + combine + "\"");
      });
      JsonArray members = array(group, at, "models");
      for (int i = 0; i < members.size(); i++) {
        builder.addModels(model(element(members, at + ".models", i), at + ".models[" + i + "]"));
      }
      request.addGroups(builder);
    }
    return request.build();
  }

  /** The fields Try and MixTry have in common; {@code priority} is -1 when absent. */
  private record Shared(String task, Query query, int budgetMs, boolean crossRequest, int crossLagMs, long priority,
      Policy policy) {}

  private static Shared shared(JsonObject json) {
    Query.Builder query = Query.newBuilder();
    query(json, query);
    long budget = uint32(json, "", "budget_ms");
    if (budget < 0) {
      throw bad("budget_ms", "is required");
    }
    return new Shared(string(json, "", "task"), query.build(), (int) budget, bool(json, "", "cross_request"),
        (int) Math.max(0, uint32(json, "", "cross_lag_ms")), uint32(json, "", "priority"), policy(json));
  }

  private static JsonObject root(Buffer body) {
    checkUtf8(body.getBytes());
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(body);
      if (parsed instanceof JsonObject object) {
        return object;
      }
    } catch (DecodeException e) {
      throw bad("body", "malformed JSON: " + firstLine(e.getMessage()));
    }
    throw bad("body", "must be a JSON object");
  }

  /** JSON is UTF-8 (RFC 8259): a body that is not is refused rather than read with replacement characters. */
  private static void checkUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw bad("body", "is not valid UTF-8");
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "cannot parse";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static Policy policy(JsonObject json) {
    String policy = string(json, "", "policy");
    return switch (policy) {
      case "", "first" -> Policy.POLICY_FIRST;
      case "best" -> Policy.POLICY_BEST;
      default -> throw bad("policy", "must be \"first\" or \"best\", was \"" + policy + "\"");
    };
  }

  private static void query(JsonObject json, Query.Builder query) {
    JsonObject q = object(json, "", "query");
    if (q == null) {
      throw bad("query", "is required");
    }
    onlyKnown(q, "query", Set.of("text", "inputs"));
    query.setText(string(q, "query", "text"));
    JsonArray inputs = array(q, "query", "inputs");
    for (int i = 0; i < inputs.size(); i++) {
      query.addInputs(TensorJson.input(element(inputs, "query.inputs", i), "query.inputs[" + i + "]"));
    }
    if (!query.getText().isEmpty() && query.getInputsCount() > 0) {
      throw bad("query", "give text or inputs, not both");
    }
  }

  private static ModelRef model(JsonObject json, String at) {
    onlyKnown(json, at, MODEL_FIELDS);
    ModelRef.Builder model = ModelRef.newBuilder()
        .setName(string(json, at, "name"))
        .setVersion(string(json, at, "version"));
    double est = number(json, at, "est_ms");
    if (!Double.isNaN(est)) {
      model.setEstMs(est);
    }
    return model.build();
  }
}
