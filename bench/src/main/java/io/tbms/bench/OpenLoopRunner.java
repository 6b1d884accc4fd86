package io.tbms.bench;

import io.tbms.common.time.Clock;
import io.tbms.zoo.data.LabeledText;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one target at one rate and budget, open loop: a driver thread walks a {@link PoissonSchedule} and
 * hands each query to the event loop at its intended time, whether or not earlier queries have
 * answered. Latency runs from the intended time, not the actual send, so a lagging client or a
 * queueing server cannot hide delay (no coordinated omission).
 *
 * <p>The run is {@code warmup + duration} long; only queries intended after the warm-up are
 * measured ({@link MeasuredWindow} replays the same schedule to name those queries for the oracle).
 * Afterwards the runner waits up to {@code drain} for outstanding queries; those still
 * open then count as lost. Blocks the calling thread (never call it on the event loop).
 */
final class OpenLoopRunner {

  private final Context context;
  private final Clock clock;
  private final Duration warmup;
  private final Duration duration;
  private final Duration drain;
  private final long seed;

  OpenLoopRunner(Context context, Clock clock, Duration warmup, Duration duration, Duration drain, long seed) {
    this.context = context;
    this.clock = clock;
    this.warmup = warmup;
    this.duration = duration;
    this.drain = drain;
    this.seed = seed;
  }

  /**
   * @param target what to drive, built for the cell's budget
   * @param cell the load (for the report) and the budget the shares within budget are counted against
   * @param ratePerSecond the offered rate
   */
  LoadSummary run(Target target, QuerySet queries, BenchGrid.Cell cell, double ratePerSecond)
      throws InterruptedException {
    RunRecorder recorder = new RunRecorder(cell.budgetMs() * 1_000_000L, target.models());
    PoissonSchedule schedule = new PoissonSchedule(ratePerSecond, new Random(seed));
    long measureFromNanos = warmup.toNanos();
    long endNanos = measureFromNanos + duration.toNanos();
    long startNanos = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
    Outstanding outstanding = new Outstanding();
    long index = 0;
    for (long offset = schedule.nextNanos(); offset < endNanos; offset = schedule.nextNanos()) {
      long intendedNanos = startNanos + offset;
      parkUntil(intendedNanos);
      LabeledText query = queries.get(index++);
      boolean measured = offset >= measureFromNanos;
      outstanding.opened();
      context.runOnContext(v -> {
        if (measured) {
          recorder.onSent(clock.nanoTime() - intendedNanos);
        }
        target.send(query.text()).onComplete(ar -> {
          long latencyNanos = clock.nanoTime() - intendedNanos;
          QueryOutcome outcome = ar.succeeded() ? ar.result() : QueryOutcome.error(String.valueOf(ar.cause()));
          if (measured && !outstanding.closed) {
            recorder.onOutcome(outcome, query.label(), latencyNanos);
          }
          outstanding.finished();
        });
      });
    }
    outstanding.awaitZero(drain, clock);
    CompletableFuture<LoadSummary> summary = new CompletableFuture<>();
    context.runOnContext(v -> {
      outstanding.closed = true;
      summary.complete(LoadSummary.of(target.name(), cell, ratePerSecond, recorder.tally(),
          recorder.latencyMicros(), recorder.sendLagMicros(), recorder.errorKinds()));
    });
    try {
      return summary.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the event loop did not report the run's results", e);
    }
  }

  private void parkUntil(long nanos) {
    for (long wait = nanos - clock.nanoTime(); wait > 0; wait = nanos - clock.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }

  /** Queries handed out and not yet finished; {@code closed} is read and written on the event loop. */
  private static final class Outstanding {
    private final java.util.concurrent.atomic.AtomicLong open = new java.util.concurrent.atomic.AtomicLong();
    boolean closed;

    void opened() {
      open.incrementAndGet();
    }

    void finished() {
      open.decrementAndGet();
    }

    void awaitZero(Duration limit, Clock clock) throws InterruptedException {
      long until = clock.nanoTime() + limit.toNanos();
      while (open.get() > 0 && clock.nanoTime() < until) {
        Thread.sleep(5);
      }
    }
  }
}
