package io.tbms.broker.lag;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Lag statistics seen by this broker alone: one {@link LagWindow} per model. Thread-safe. */
public final class LocalLagStats implements LagStats {

  private final Map<String, LagWindow> windows = new ConcurrentHashMap<>();
  private final Duration window;
  private final double quantile;

  public LocalLagStats(Duration window, double quantile) {
    this.window = window;
    this.quantile = quantile;
    new LagWindow(window, quantile, LagWindow.DEFAULT_CAPACITY); // validates the settings now
  }

  @Override
  public void record(String model, long lagNanos, long nowNanos, boolean answered) {
    windows.computeIfAbsent(model, m -> new LagWindow(window, quantile, LagWindow.DEFAULT_CAPACITY, LagWindow.DEFAULT_REFRESH))
        .record(lagNanos, nowNanos, answered);
  }

  @Override
  public OptionalDouble chance(String model, long withinNanos, long nowNanos) {
    LagWindow w = windows.get(model);
    return w == null ? OptionalDouble.empty() : w.chance(withinNanos, nowNanos);
  }

  @Override
  public OptionalLong lag(String model, long nowNanos) {
    LagWindow w = windows.get(model);
    return w == null ? OptionalLong.empty() : w.quantile(nowNanos);
  }

  @Override
  public Map<String, Long> snapshot(long nowNanos) {
    Map<String, Long> all = new TreeMap<>();
    windows.forEach((model, w) -> w.quantile(nowNanos).ifPresent(q -> all.put(model, q)));
    return all;
  }

  public Duration window() {
    return window;
  }
}
