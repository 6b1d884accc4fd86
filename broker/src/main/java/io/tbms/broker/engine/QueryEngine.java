package io.tbms.broker.engine;

import io.tbms.broker.admission.Admission;
import io.tbms.broker.admission.Permit;
import io.tbms.broker.backend.ModelBackend;
import io.tbms.broker.downgrade.DowngradePolicy;
import io.tbms.broker.lag.LagStats;
import io.tbms.common.time.Clock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs accepted queries: the Vert.x adapter around the pure {@link io.tbms.broker.query.QueryRun}.
 * Each query lives on the context that calls {@link #run} (the front's event loop); model calls,
 * the wake-up timer and the answer all come back to it. Every query's future completes exactly
 * once, by its deadline. Thread-safe.
 */
public final class QueryEngine {

  private final Vertx vertx;
  private final Clock clock;
  private final Duration margin;
  private final ModelBackend backend;
  private final CrossBatching batching;
  private final LagStats lagStats;
  private final DowngradePolicy downgrade;
  private final Admission admission;
  private final QueryObserver observer;

  /**
   * @param batching where cross-request queries share batches; {@code null}: every call alone
   * @param margin how long before {@code t0 + budget} a query answers
   * @param lagStats each model's observed latency: its expected latency plans the schedule, its
   *     chance of answering in the time left feeds {@code downgrade}
   * @param admission a permit per model call, so the adaptive limit learns from each call
   */
  public QueryEngine(Vertx vertx, Clock clock, Duration margin, ModelBackend backend, CrossBatching batching,
      LagStats lagStats, DowngradePolicy downgrade, Admission admission, QueryObserver observer) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.margin = Objects.requireNonNull(margin, "margin");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.batching = batching;
    this.lagStats = Objects.requireNonNull(lagStats, "lagStats");
    this.downgrade = Objects.requireNonNull(downgrade, "downgrade");
    this.admission = Objects.requireNonNull(admission, "admission");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /**
   * Starts the query with the permit its admission reserved ({@link
   * io.tbms.broker.admission.Admission#enter}): its first model call uses it, and it is given back
   * if the query makes no call. {@code null}: every call asks the admission for its own. The
   * future completes with the query's one terminal answer.
   */
  public Future<QueryAnswer> run(AcceptedQuery query, Permit reserved) {
    Context context = vertx.getOrCreateContext();
    Promise<QueryAnswer> promise = Promise.promise();
    QueryExecution execution = new QueryExecution(this, query, reserved, context, promise);
    if (Vertx.currentContext() == context) {
      execution.start();
    } else {
      context.runOnContext(v -> execution.start());
    }
    return promise.future();
  }

  Clock clock() {
    return clock;
  }

  Duration margin() {
    return margin;
  }

  ModelBackend backend() {
    return backend;
  }

  CrossBatching batching() {
    return batching;
  }

  LagStats lagStats() {
    return lagStats;
  }

  DowngradePolicy downgrade() {
    return downgrade;
  }

  Admission admission() {
    return admission;
  }

  QueryObserver observer() {
    return observer;
  }
}
