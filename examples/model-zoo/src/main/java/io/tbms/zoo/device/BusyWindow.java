package io.tbms.zoo.device;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Utilisation of one device: busy time over wall time in a sliding window.
 *
 * <p>Records busy intervals as {@code [start, end)} in monotonic nanoseconds; intervals that end
 * before the window are dropped, so memory is bounded by the number of batches in one window. Not
 * thread-safe: its owner ({@link EmulatedGpu}) synchronises.
 */
final class BusyWindow {

  private final long windowNanos;
  private final Deque<long[]> closed = new ArrayDeque<>();
  private long busySinceNanos = -1;

  BusyWindow(long windowNanos) {
    if (windowNanos <= 0) {
      throw new IllegalArgumentException("windowNanos must be > 0, was " + windowNanos);
    }
    this.windowNanos = windowNanos;
  }

  void busy(long nowNanos) {
    if (busySinceNanos < 0) {
      busySinceNanos = nowNanos;
    }
  }

  void idle(long nowNanos) {
    if (busySinceNanos >= 0) {
      closed.addLast(new long[] {busySinceNanos, nowNanos});
      busySinceNanos = -1;
    }
    prune(nowNanos);
  }

  boolean isBusy() {
    return busySinceNanos >= 0;
  }

  /**
   * The busy share of the last window ending at {@code nowNanos}, in {@code [0, 1]}. Before a
   * whole window has passed since {@code originNanos}, the share of the time since the origin.
   */
  double utilisation(long originNanos, long nowNanos) {
    prune(nowNanos);
    long from = Math.max(originNanos, nowNanos - windowNanos);
    long span = nowNanos - from;
    if (span <= 0) {
      return isBusy() ? 1.0 : 0.0;
    }
    long busy = 0;
    for (long[] interval : closed) {
      busy += overlap(interval[0], interval[1], from, nowNanos);
    }
    if (busySinceNanos >= 0) {
      busy += overlap(busySinceNanos, nowNanos, from, nowNanos);
    }
    return Math.min(1.0, (double) busy / span);
  }

  private void prune(long nowNanos) {
    long from = nowNanos - windowNanos;
    while (!closed.isEmpty() && closed.peekFirst()[1] <= from) {
      closed.removeFirst();
    }
  }

  private static long overlap(long start, long end, long from, long to) {
    return Math.max(0, Math.min(end, to) - Math.max(start, from));
  }
}
