package io.tbms.zoo.device;

import io.tbms.common.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The run-time state of one emulated GPU: it executes one batch at a time, hands the device to
 * waiting instances in arrival order, and measures its utilisation (busy time over wall time in
 * a sliding window, reported as Triton's {@code nv_gpu_utilization}).
 *
 * <p>Thread-safe. Grant callbacks run on the thread that acquires or releases, outside the lock;
 * they must be quick (hand the work to an executor).
 */
public final class EmulatedGpu {

  /** The utilisation window; Triton samples its GPU metrics at about this period. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);

  private final DeviceConfig config;
  private final Clock clock;
  private final long originNanos;
  private final BusyWindow window;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private long memoryUsedBytes;

  public EmulatedGpu(DeviceConfig config, Clock clock, Duration window) {
    if (config.kind() != DeviceKind.GPU) {
      throw new IllegalArgumentException("device " + config.name() + " is not a GPU");
    }
    this.config = config;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.originNanos = clock.nanoTime();
    this.window = new BusyWindow(window.toNanos());
  }

  public DeviceConfig config() {
    return config;
  }

  /**
   * Asks for the device. {@code granted} runs at once if the device is free, otherwise when every
   * earlier caller has released it. The caller must {@link #release()} exactly once after.
   */
  public void acquire(Runnable granted) {
    synchronized (this) {
      if (window.isBusy()) {
        waiting.addLast(granted);
        return;
      }
      window.busy(clock.nanoTime());
    }
    granted.run();
  }

  /** Gives the device back: to the next waiter, or idle. */
  public void release() {
    Runnable next;
    synchronized (this) {
      if (!window.isBusy()) {
        throw new IllegalStateException("device " + config.name() + " released while idle");
      }
      next = waiting.pollFirst();
      if (next == null) {
        window.idle(clock.nanoTime());
        return;
      }
    }
    next.run();
  }

  /** How many callers wait for the device. */
  public synchronized int waiting() {
    return waiting.size();
  }

  public synchronized boolean busy() {
    return window.isBusy();
  }

  /** Busy share of the last window, in {@code [0, 1]}. */
  public synchronized double utilisation() {
    return window.utilisation(originNanos, clock.nanoTime());
  }

  /** Records memory taken by a model loaded onto this device (bytes, may be negative to unload). */
  public synchronized void addMemoryUsed(long bytes) {
    memoryUsedBytes = Math.max(0, memoryUsedBytes + bytes);
  }

  public synchronized long memoryUsedBytes() {
    return memoryUsedBytes;
  }
}
