package io.tbms.broker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tbms.broker.engine.AcceptedQuery;
import io.tbms.broker.engine.QueryAnswer;
import io.tbms.broker.engine.QueryObserver;
import io.tbms.broker.front.Refusal;
import io.tbms.broker.query.Outcome;
import io.tbms.broker.query.QueryResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Turns what the engine and the front do into Micrometer meters ({@link MetricNames}).
 * Thread-safe; meters are looked up per event (Micrometer caches them).
 */
public final class BrokerMetrics implements QueryObserver {

  private final MeterRegistry registry;

  public BrokerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public void onFinished(AcceptedQuery query, QueryAnswer answer) {
    QueryResult<?> result = answer.result();
    String task = query.task();
    Counter.builder(MetricNames.QUERIES).description("Terminal answers to queries")
        .tag("task", task).tag("status", result.answered() ? "ANSWERED" : "EMPTY").register(registry).increment();
    Timer.builder(MetricNames.QUERY_LATENCY).description("Time from a query's arrival to its answer")
        .tag("task", task).publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry).record(result.elapsedNanos(), TimeUnit.NANOSECONDS);
    if (result.answered()) {
      Counter.builder(MetricNames.ANSWERS).description("Answers by the chain entry that gave them")
          .tag("task", task).tag("model", answer.answeredBy()).tag("rank", Integer.toString(result.rank()))
          .register(registry).increment();
      if (result.downgraded()) {
        Counter.builder(MetricNames.DOWNGRADES).description("Answers not from the chain's first entry")
            .tag("task", task).register(registry).increment();
      }
    }
    for (QueryResult.TraceEntry entry : answer.trace()) {
      Outcome outcome = entry.outcome();
      if (outcome == Outcome.SKIPPED_LAG || outcome == Outcome.SKIPPED_CIRCUIT || outcome == Outcome.SHED) {
        Counter.builder(MetricNames.SKIPS).description("Chain entries skipped by the downgrade policy")
            .tag("model", entry.model()).tag("reason", outcome.name()).register(registry).increment();
      }
      if (outcome == Outcome.SHED) {
        Counter.builder(MetricNames.SHED).description("Chain entries shed by the admission limit")
            .tag("task", task).register(registry).increment();
      }
    }
  }

  @Override
  public void onCall(String model, CallResult result, long lagNanos) {
    Counter.builder(MetricNames.CALLS).description("Model calls by fate")
        .tag("model", model).tag("result", result.name()).register(registry).increment();
    if (result == CallResult.ANSWERED) {
      Timer.builder(MetricNames.MODEL_LAG).description("Latency of answered model calls, as the broker saw it")
          .tag("model", model).publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(60))
          .register(registry).record(lagNanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void onCallFailed(String model, String reason) {
    Counter.builder(MetricNames.CALL_ERRORS).description("Failed model calls by why")
        .tag("model", model).tag("reason", reason).register(registry).increment();
  }

  public void onRefused(Refusal refusal) {
    Counter.builder(MetricNames.REFUSALS).description("Requests refused before running")
        .tag("reason", refusal.name()).register(registry).increment();
  }
}
