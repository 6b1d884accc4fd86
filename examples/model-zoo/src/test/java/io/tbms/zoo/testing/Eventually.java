package io.tbms.zoo.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Awaits a condition of a running server (a request reaching its queue, say): a scheduler checks
 * it every few milliseconds and the test's thread returns as soon as it holds, or fails at a
 * deadline. It measures nothing: how soon the condition holds is never asserted.
 */
public final class Eventually {

  private static final Duration EVERY = Duration.ofMillis(5);

  private Eventually() {}

  /**
   * Returns once {@code condition} holds.
   *
   * @throws AssertionError naming {@code what} when it did not hold within {@code within}
   */
  public static void holds(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
    CompletableFuture<Void> seen = new CompletableFuture<>();
    ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "eventually");
      thread.setDaemon(true);
      return thread;
    });
    try {
      checker.scheduleWithFixedDelay(() -> {
        if (condition.getAsBoolean()) {
          seen.complete(null);
        }
      }, 0, EVERY.toNanos(), TimeUnit.NANOSECONDS);
      seen.get(within.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("not seen within " + within + ": " + what);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      checker.shutdownNow();
    }
  }
}
