package io.tbms.bench;

import io.tbms.common.auth.RequestSignature;
import io.tbms.common.time.Clock;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Sends queries to the broker's {@code POST /v1/try} (docs/design.md §2), signed with the bench's
 * credentials, and reads the answer: {@code ANSWERED} with its model and rank, {@code EMPTY},
 * 429 as a rejection, anything else as an error. Event-loop bound.
 */
final class BrokerTarget implements Target {

  static final String PATH = "/v1/try";
  static final String TASK = "bench";

  private final String name;
  private final HttpClient http;
  private final String host;
  private final int port;
  private final List<ChainEntry> chain;
  private final long budgetMillis;
  private final Credentials credentials;
  private final Clock clock;
  private final long requestTimeoutMillis;

  BrokerTarget(String name, HttpClient http, String host, int port, List<ChainEntry> chain, long budgetMillis,
      Credentials credentials, Clock clock, long requestTimeoutMillis) {
    this.name = name;
    this.http = http;
    this.host = host;
    this.port = port;
    this.chain = List.copyOf(chain);
    this.budgetMillis = budgetMillis;
    this.credentials = credentials;
    this.clock = clock;
    this.requestTimeoutMillis = requestTimeoutMillis;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> models() {
    return chain.stream().map(ChainEntry::name).toList();
  }

  @Override
  public Future<QueryOutcome> send(String text) {
    Buffer body = body(text, chain, budgetMillis).toBuffer();
    long timestamp = clock.wallMillis();
    String signature = RequestSignature.sign(credentials.accessKey(), "POST", PATH, timestamp, body.getBytes());
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(host)
        .setPort(port)
        .setURI(PATH)
        .setIdleTimeout(requestTimeoutMillis)
        .putHeader("content-type", "application/json")
        .putHeader(RequestSignature.ACCESS_ID_HEADER, credentials.accessId())
        .putHeader(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
        .putHeader(RequestSignature.SIGNATURE_HEADER, signature);
    return http.request(options)
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(b -> outcome(response.statusCode(), b)))
        .otherwise(failure -> QueryOutcome.error(String.valueOf(failure.getMessage())));
  }

  static JsonObject body(String text, List<ChainEntry> chain, long budgetMillis) {
    JsonArray models = new JsonArray();
    chain.forEach(e -> models.add(new JsonObject().put("name", e.name()).put("est_ms", e.estMillis())));
    return new JsonObject()
        .put("task", TASK)
        .put("query", new JsonObject().put("text", text))
        .put("models", models)
        .put("budget_ms", budgetMillis);
  }

  /** Reads the broker's reply (docs/design.md §2, "The answer"). */
  static QueryOutcome outcome(int statusCode, Buffer body) {
    if (statusCode == 429) {
      return QueryOutcome.rejected();
    }
    if (statusCode != 200) {
      return QueryOutcome.error("HTTP " + statusCode);
    }
    try {
      JsonObject reply = body.toJsonObject();
      String status = reply.getString("status", "");
      if ("EMPTY".equals(status)) {
        return QueryOutcome.empty();
      }
      if (!"ANSWERED".equals(status)) {
        return QueryOutcome.error("status '" + status + "'");
      }
      JsonObject answer = reply.getJsonObject("answer");
      return QueryOutcome.answered(new Answer(
          reply.getString("model"), reply.getInteger("rank", 0), answer.getString("label")));
    } catch (RuntimeException e) {
      return QueryOutcome.error("unreadable reply: " + e.getMessage());
    }
  }
}
