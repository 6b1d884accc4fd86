package io.tbms.bench;

import io.tbms.common.time.Clock;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures a model's capacity (maximum sustained QPS) closed loop: {@code concurrency} callers
 * each send the next query as soon as the previous one answered, for {@code warmup + measure};
 * capacity is the answers completed in the measured window divided by its length. Errors are
 * counted and not included. Blocks the calling thread.
 */
final class CapacityProbe {

  /**
   * The probe's result.
   *
   * @param qps answers per second in the measured window
   * @param answers answers in the window
   * @param errors failed calls in the window
   */
  record Result(double qps, long answers, long errors) {}

  private final Context context;
  private final Clock clock;
  private final KServeModelClient client;

  CapacityProbe(Context context, Clock clock, KServeModelClient client) {
    this.context = context;
    this.clock = clock;
    this.client = client;
  }

  Result measure(String model, QuerySet queries, int concurrency, Duration warmup, Duration measure)
      throws Exception {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
    }
    long start = clock.nanoTime();
    long from = start + warmup.toNanos();
    long until = from + measure.toNanos();
    State state = new State();
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      state.running = concurrency;
      for (int i = 0; i < concurrency; i++) {
        next(model, queries, state, from, until, done);
      }
    });
    done.get(warmup.plus(measure).toSeconds() + 60, TimeUnit.SECONDS);
    return new Result(state.answers / (measure.toNanos() / 1e9), state.answers, state.errors);
  }

  private void next(String model, QuerySet queries, State state, long from, long until, CompletableFuture<Void> done) {
    if (clock.nanoTime() >= until) {
      if (--state.running == 0) {
        done.complete(null);
      }
      return;
    }
    state.started++;
    client.infer(model, queries.get(state.started).text()).label().onComplete(ar -> {
      long now = clock.nanoTime();
      if (now >= from && now < until) {
        if (ar.succeeded()) {
          state.answers++;
        } else {
          state.errors++;
        }
      }
      next(model, queries, state, from, until, done);
    });
  }

  /** Event-loop owned counters. */
  private static final class State {
    long started;
    long answers;
    long errors;
    int running;
  }
}
