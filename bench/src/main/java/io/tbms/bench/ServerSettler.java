package io.tbms.bench;

import io.tbms.common.time.Clock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits between runs until the model server has worked off the previous run's backlog: an
 * overloaded run leaves queued requests behind (and calls the bench gave up on still run), which
 * would otherwise slow, or fail, the first seconds of the next run. Settled means one call to each
 * model answered within the budget, twice in a row. Blocks the calling thread.
 */
final class ServerSettler {

  private static final Duration PAUSE = Duration.ofMillis(250);
  private static final Duration PROBE_LIMIT = Duration.ofSeconds(5);

  private final Context context;
  private final Clock clock;
  private final KServeModelClient client;
  private final List<String> models;
  private final long budgetNanos;

  ServerSettler(Context context, Clock clock, KServeModelClient client, List<String> models, Duration budget) {
    this.context = context;
    this.clock = clock;
    this.client = client;
    this.models = List.copyOf(models);
    this.budgetNanos = budget.toNanos();
  }

  /** @return whether the server settled before {@code limit} */
  boolean awaitSettled(Duration limit, String probeText) throws Exception {
    long until = clock.nanoTime() + limit.toNanos();
    int fastRounds = 0;
    while (clock.nanoTime() < until) {
      fastRounds = probeAll(probeText) ? fastRounds + 1 : 0;
      if (fastRounds == 2) {
        return true;
      }
      Thread.sleep(PAUSE.toMillis());
    }
    return false;
  }

  private boolean probeAll(String text) throws Exception {
    CompletableFuture<Boolean> fast = new CompletableFuture<>();
    context.runOnContext(v -> {
      long start = clock.nanoTime();
      List<Future<String>> calls = models.stream().map(m -> client.infer(m, text).label()).toList();
      Future.all(calls).onComplete(ar -> fast.complete(ar.succeeded() && clock.nanoTime() - start <= budgetNanos));
    });
    try {
      return fast.get(PROBE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return false; // the calls stay outstanding; a later round asks again
    }
  }
}
