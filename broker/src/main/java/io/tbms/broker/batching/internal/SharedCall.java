package io.tbms.broker.batching.internal;

import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.BackendCall.CancelReason;
import java.util.List;

/**
 * One dispatched batch: its members in the order of the call's texts, the wrapped backend's call
 * once started, and how many members have cancelled. Guarded by the adapter's monitor.
 *
 * @param <M> the adapter's member type
 */
public final class SharedCall<M> {

  private final ModelQueue<M> queue;
  private final List<M> members;
  private BackendCall call;
  private int cancelled;
  private boolean anyLate;
  private boolean anyOverdue;
  private boolean ended;

  public SharedCall(ModelQueue<M> queue, List<M> members) {
    this.queue = queue;
    this.members = List.copyOf(members);
  }

  public ModelQueue<M> queue() {
    return queue;
  }

  public List<M> members() {
    return members;
  }

  public BackendCall call() {
    return call;
  }

  public void started(BackendCall started) {
    this.call = started;
  }

  /** Counts one member's cancellation; true when every member has now cancelled. */
  public boolean detach(CancelReason why) {
    cancelled++;
    anyLate |= why == CancelReason.LATE;
    anyOverdue |= why == CancelReason.OVERDUE;
    return allCancelled();
  }

  /**
   * Marks the call ended for its batcher (answered, failed or given up by all its members); true
   * the first time only, so a device is freed once.
   */
  public boolean end() {
    boolean first = !ended;
    ended = true;
    return first;
  }

  public boolean allCancelled() {
    return cancelled == members.size();
  }

  /** LATE when any member gave up because its deadline came, else OVERDUE when any was overdue, else NOT_NEEDED. */
  public CancelReason cancelReason() {
    return anyLate ? CancelReason.LATE : anyOverdue ? CancelReason.OVERDUE : CancelReason.NOT_NEEDED;
  }
}
