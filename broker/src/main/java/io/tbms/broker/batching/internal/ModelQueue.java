package io.tbms.broker.batching.internal;

import io.tbms.broker.batching.CrossBatcher;
import java.util.HashMap;
import java.util.Map;

/**
 * One (model, version)'s batch queue inside the batching adapter: the decision, the members not
 * yet sent by id, and the one wake-up timer. Guarded by the adapter's monitor.
 *
 * @param <M> the adapter's member type
 */
public final class ModelQueue<M> {

  public static final long NO_TIMER = -1;

  private final String model;
  private final String version;
  private final CrossBatcher batcher;
  private final Map<Long, M> waiting = new HashMap<>();
  private long timerId = NO_TIMER;
  private long timerAtNanos;

  public ModelQueue(String model, String version, CrossBatcher batcher) {
    this.model = model;
    this.version = version;
    this.batcher = batcher;
  }

  public String model() {
    return model;
  }

  public String version() {
    return version;
  }

  public CrossBatcher batcher() {
    return batcher;
  }

  public Map<Long, M> waiting() {
    return waiting;
  }

  public long timerId() {
    return timerId;
  }

  public long timerAtNanos() {
    return timerAtNanos;
  }

  public boolean timerArmed() {
    return timerId != NO_TIMER;
  }

  public void timerArmed(long id, long atNanos) {
    this.timerId = id;
    this.timerAtNanos = atNanos;
  }

  public void timerCleared() {
    this.timerId = NO_TIMER;
  }
}
