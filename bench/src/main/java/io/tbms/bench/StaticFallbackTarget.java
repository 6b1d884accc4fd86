package io.tbms.bench;

import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.tbms.common.time.Clock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The static-fallback baseline: the chain's models one after another, each under a Resilience4j
 * {@link TimeLimiter} at its estimate, all within the budget ({@link StaticFallbackPlan} decides).
 * A timed-out call is cancelled before the next model is tried. Timeouts fire on the shared
 * scheduler and hop back to the bench's event loop.
 */
final class StaticFallbackTarget implements Target {

  private final String name;
  private final StaticFallbackPlan plan;
  private final KServeModelClient client;
  private final Context context;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final TimeLimiter[] atEstimate;

  StaticFallbackTarget(String name, StaticFallbackPlan plan, KServeModelClient client, Context context,
      ScheduledExecutorService scheduler, Clock clock) {
    this.name = name;
    this.plan = plan;
    this.client = client;
    this.context = context;
    this.scheduler = scheduler;
    this.clock = clock;
    this.atEstimate = plan.chain().stream()
        .map(e -> limiter(Duration.ofMillis(e.estMillis())))
        .toArray(TimeLimiter[]::new);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> models() {
    return plan.chain().stream().map(ChainEntry::name).toList();
  }

  @Override
  public Future<QueryOutcome> send(String text) {
    Promise<QueryOutcome> outcome = Promise.promise();
    step(0, clock.nanoTime(), text, outcome);
    return outcome.future();
  }

  private void step(int rank, long startNanos, String text, Promise<QueryOutcome> outcome) {
    var attempt = plan.attempt(rank, startNanos, clock.nanoTime());
    if (attempt.isEmpty()) {
      outcome.complete(QueryOutcome.empty());
      return;
    }
    int at = attempt.get().rank();
    String model = plan.chain().get(at).name();
    ModelCall call = client.infer(model, text);
    CompletableFuture<String> label = new CompletableFuture<>();
    call.label().onComplete(ar -> {
      if (ar.succeeded()) {
        label.complete(ar.result());
      } else {
        label.completeExceptionally(ar.cause());
      }
    });
    limiterFor(at, attempt.get().limitNanos())
        .executeCompletionStage(scheduler, () -> label)
        .whenComplete((result, failure) -> context.runOnContext(v -> {
          if (failure == null) {
            outcome.complete(QueryOutcome.answered(new Answer(model, at, result)));
          } else {
            call.cancel();
            step(at + 1, startNanos, text, outcome);
          }
        }));
  }

  private TimeLimiter limiterFor(int rank, long limitNanos) {
    long estNanos = plan.chain().get(rank).estMillis() * 1_000_000L;
    return limitNanos == estNanos ? atEstimate[rank] : limiter(Duration.ofNanos(limitNanos));
  }

  private static TimeLimiter limiter(Duration timeout) {
    return TimeLimiter.of(TimeLimiterConfig.custom()
        .timeoutDuration(timeout.isZero() ? Duration.ofNanos(1) : timeout)
        .cancelRunningFuture(true)
        .build());
  }
}
