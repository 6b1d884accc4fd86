package io.tbms.resources.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Awaits a condition of a real, running system: a scheduler checks it every so often, and the
 * test's thread waits on the outcome, returning as soon as it holds or failing at a deadline. A
 * check that throws counts as "not yet"; the last value and error seen go into the failure.
 */
public final class Eventually {

  /** How often a condition is checked unless told otherwise. */
  public static final Duration EVERY = Duration.ofMillis(50);

  /** Reads the system; may throw while it is not ready. */
  @FunctionalInterface
  public interface Fetch<T> {
    T get() throws Exception;
  }

  private Eventually() {}

  /** Whether {@code condition} holds within {@code within}. */
  public static boolean holds(Duration within, BooleanSupplier condition) throws InterruptedException {
    return await(within, EVERY, condition::getAsBoolean, ok -> ok, new AtomicReference<>(), new AtomicReference<>())
        .isPresent();
  }

  /**
   * The first value {@code fetch} gives that {@code done} accepts.
   *
   * @throws AssertionError when none came within {@code within}, with the last value and error seen
   */
  public static <T> T value(Duration within, Duration every, Fetch<T> fetch, Predicate<? super T> done)
      throws InterruptedException {
    AtomicReference<T> last = new AtomicReference<>();
    AtomicReference<Throwable> lastError = new AtomicReference<>();
    return await(within, every, fetch, done, last, lastError)
        .orElseThrow(() -> new AssertionError("not seen within " + within + "; last: " + last.get(), lastError.get()));
  }

  private static <T> Optional<T> await(Duration within, Duration every, Fetch<T> fetch, Predicate<? super T> done,
      AtomicReference<T> last, AtomicReference<Throwable> lastError) throws InterruptedException {
    CompletableFuture<T> seen = new CompletableFuture<>();
    ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "eventually");
      thread.setDaemon(true);
      return thread;
    });
    try {
      checker.scheduleWithFixedDelay(() -> {
        try {
          T value = fetch.get();
          last.set(value);
          if (done.test(value)) {
            seen.complete(value);
          }
        } catch (Exception | AssertionError e) {
          lastError.set(e);
        }
      }, 0, every.toNanos(), TimeUnit.NANOSECONDS);
      return Optional.of(seen.get(within.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // never: only complete() is called
    } finally {
      checker.shutdownNow();
    }
  }
}
