package io.tbms.broker.report;

import io.tbms.broker.engine.AcceptedQuery;
import io.tbms.broker.engine.QueryAnswer;
import io.tbms.broker.engine.QueryObserver;
import io.tbms.broker.query.Outcome;
import io.tbms.broker.query.QueryResult;
import io.tbms.report.ReportEvent;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns what the engine does into the report channel's {@link ReportEvent}s: one {@code Answered}
 * per query, a {@code Wanted} per chain entry the query reached (called or not), a {@code Skipped}
 * or {@code Shed} per chain entry the broker did not call, a {@code LagSample} per answered model
 * call. Thread-safe if the sink is.
 */
public final class ReportingObserver implements QueryObserver {

  private final Consumer<ReportEvent> sink;

  public ReportingObserver(Consumer<ReportEvent> sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public void onFinished(AcceptedQuery query, QueryAnswer answer) {
    QueryResult<?> result = answer.result();
    String instance = query.instance();
    String task = query.task();
    sink.accept(result.answered()
        ? new ReportEvent.Answered(instance, task, answer.answeredBy(), result.rank(), result.elapsedNanos())
        : new ReportEvent.Answered(instance, task, "", -1, result.elapsedNanos()));
    for (QueryResult.TraceEntry entry : answer.trace()) {
      Outcome outcome = entry.outcome();
      if (outcome != Outcome.NOT_FIRED) {
        sink.accept(new ReportEvent.Wanted(entry.model()));
      }
      if (outcome == Outcome.SHED) {
        sink.accept(new ReportEvent.Shed(instance, task, entry.model()));
      } else if (outcome == Outcome.SKIPPED_LAG || outcome == Outcome.SKIPPED_CIRCUIT) {
        sink.accept(new ReportEvent.Skipped(instance, task, entry.model(), outcome.name()));
      }
    }
  }

  @Override
  public void onCall(String model, CallResult result, long lagNanos) {
    if (result == CallResult.ANSWERED) {
      sink.accept(new ReportEvent.LagSample(model, lagNanos));
    }
  }
}
