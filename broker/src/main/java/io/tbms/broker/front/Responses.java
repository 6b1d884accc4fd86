package io.tbms.broker.front;

import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.engine.QueryAnswer;
import io.tbms.broker.query.QueryResult;
import io.tbms.protocol.broker.v1.Answer;
import io.tbms.protocol.broker.v1.TraceEntry;
import io.tbms.protocol.broker.v1.TryResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A query's terminal result as the {@code TryResponse} message (gRPC) and as the JSON of
 * docs/design.md §2 (HTTP): {@code "status": "ANSWERED"}, outcomes without their proto prefix,
 * {@code "done_ms": null} when nothing arrived. Pure and thread-safe.
 */
public final class Responses {

  private static final String STATUS_PREFIX = "STATUS_";
  private static final String OUTCOME_PREFIX = "OUTCOME_";

  private Responses() {}

  public static TryResponse toProto(QueryAnswer answer) {
    QueryResult<ModelAnswer> result = answer.result();
    TryResponse.Builder response = TryResponse.newBuilder()
        .setStatus(result.answered() ? TryResponse.Status.STATUS_ANSWERED : TryResponse.Status.STATUS_EMPTY)
        .setElapsedMs(millis(result.elapsedNanos()));
    result.answer().ifPresent(a -> response
        .setAnswer(Answer.newBuilder().setLabel(a.label()).setScore(Float.isNaN(a.score()) ? 0f : a.score()))
        .setModel(answer.answeredBy())
        .setRank(result.rank())
        .setDowngraded(result.downgraded()));
    for (QueryResult.TraceEntry entry : answer.trace()) {
      TraceEntry.Builder trace = TraceEntry.newBuilder()
          .setModel(entry.model())
          .setOutcome(TraceEntry.Outcome.valueOf(OUTCOME_PREFIX + entry.outcome().name()))
          .setFiredMs(millis(entry.firedNanos()));
      if (entry.doneNanos() >= 0) {
        trace.setDoneMs(millis(entry.doneNanos()));
      }
      response.addTrace(trace);
    }
    return response.build();
  }

  public static JsonObject toJson(TryResponse response) {
    boolean answered = response.getStatus() == TryResponse.Status.STATUS_ANSWERED;
    JsonObject json = new JsonObject().put("status", response.getStatus().name().substring(STATUS_PREFIX.length()));
    if (answered) {
      Answer a = response.getAnswer();
      json.put("answer", new JsonObject().put("label", a.getLabel()).put("score", (double) a.getScore()).put("text", a.getText()))
          .put("model", response.getModel())
          .put("rank", response.getRank())
          .put("downgraded", response.getDowngraded());
    } else {
      json.putNull("answer").putNull("model").putNull("rank").put("downgraded", false);
    }
    json.put("elapsed_ms", response.getElapsedMs());
    JsonArray trace = new JsonArray();
    for (TraceEntry entry : response.getTraceList()) {
      JsonObject e = new JsonObject()
          .put("model", entry.getModel())
          .put("outcome", entry.getOutcome().name().substring(OUTCOME_PREFIX.length()))
          .put("fired_ms", entry.getFiredMs());
      if (entry.hasDoneMs()) {
        e.put("done_ms", entry.getDoneMs());
      } else {
        e.putNull("done_ms");
      }
      trace.add(e);
    }
    return json.put("trace", trace);
  }

  /** Nanoseconds as milliseconds, rounded to the microsecond. */
  static double millis(long nanos) {
    return Math.round(nanos / 1_000d) / 1_000d;
  }
}
