package io.tbms.common.time;

/**
 * The one source of time in TBMS: a monotonic clock for measuring intervals and deadlines,
 * and a wall clock for timestamps that leave the process (signatures, logs, reports).
 *
 * <p>Every scheduler, window, limiter and budget reads time from an injected {@code Clock};
 * production code uses {@link #system()}, tests use {@link ManualClock}. Implementations are
 * thread-safe.
 */
public interface Clock {

  /** Monotonic time in nanoseconds; only differences between two readings are meaningful. */
  long nanoTime();

  /** Wall-clock time in milliseconds since the Unix epoch. */
  long wallMillis();

  /** The clock backed by the operating system. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
