package io.tbms.broker.batching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * The cross-request batch decision for one model (docs/design.md §4): queries that allow it share one
 * {@code ModelInfer} call.
 *
 * <p>Batching is adaptive: a batch only forms while the model is busy. The batcher counts its own
 * calls in flight (a {@link BatchDecision.Dispatch} starts one, {@link #callDone} ends it) and
 * compares them with the model's concurrency, the calls it runs side by side (one per device).
 * Waiting for companions while the model has a free device only adds lag, so on an idle model a
 * query is sent at once; while every device is busy, queries gather and go together when a call
 * ends, when the batch is full, or when a member's wait runs out.
 *
 * <p>Each member carries the latest time it may be sent ({@link #waitUntilNanos}). On {@link
 * #decide}, with {@code b} the batch size and {@code c} the concurrency read now (a batch size
 * below 1 counts as 1, a concurrency below 0 as 0: always wait, never send at once):
 *
 * <ol>
 *   <li>nobody waits: {@link BatchDecision.Idle};
 *   <li>fewer than {@code c} calls in flight: dispatch the {@code b} oldest now;
 *   <li>{@code b} or more members wait: dispatch the {@code b} oldest;
 *   <li>some member's wait has run out ({@code waitUntil <= now}): dispatch everyone waiting (up
 *       to {@code b}) — usually that member is the oldest, but one with a tighter deadline closes
 *       the batch sooner;
 *   <li>otherwise wait until the earliest {@code waitUntil}, or until a call ends.
 * </ol>
 *
 * <p>A dispatch takes its members out of the queue; the adapter calls {@code decide} again until
 * it gets a wait or idle, and again whenever a call ends, and wakes itself at the {@link
 * BatchDecision.WaitUntil} time. Then no member is sent after its {@code waitUntil}. A member
 * cancelled before it is sent is {@linkplain #remove removed}. The queue holds at most {@link
 * CrossBatchConfig#maxPending()} members.
 *
 * <p>Never reads a clock and never sleeps: times are arguments. Not thread-safe: the adapter
 * serialises calls.
 */
public final class CrossBatcher {

  private static final Comparator<BatchMember> BY_WAIT =
      Comparator.comparingLong(BatchMember::waitUntilNanos).thenComparingLong(BatchMember::id);

  private final IntSupplier batchSize;
  private final IntSupplier concurrency;
  private final int maxPending;
  private int inFlight;
  private final Map<Long, BatchMember> byArrival = new LinkedHashMap<>();
  private final TreeSet<BatchMember> byWait = new TreeSet<>(BY_WAIT);

  /**
   * @param batchSize the model's current batch size, read at every decision (live config)
   * @param concurrency how many calls the model runs side by side (its devices), read at every
   *     decision: with fewer of this batcher's calls in flight, a query is sent at once
   * @param config the queue bound
   */
  public CrossBatcher(IntSupplier batchSize, IntSupplier concurrency, CrossBatchConfig config) {
    this.batchSize = Objects.requireNonNull(batchSize, "batchSize");
    this.concurrency = Objects.requireNonNull(concurrency, "concurrency");
    this.maxPending = config.maxPending();
  }

  /**
   * The latest time a query may wait for a batch: {@code min(arrival + crossLag, deadline −
   * estimate)}, so a batched call still has the model's estimate left before the deadline and
   * never starts after it. A negative estimate counts as 0.
   *
   * @param arrivalNanos when the query reached this entry
   * @param crossLagNanos the query's {@code cross_lag_ms}, in nanoseconds
   * @param deadlineNanos the query's deadline
   * @param estimateNanos the model's estimate (the chain entry's {@code est_ms}), in nanoseconds
   */
  public static long waitUntilNanos(long arrivalNanos, long crossLagNanos, long deadlineNanos, long estimateNanos) {
    long latestStart = deadlineNanos - Math.max(0, estimateNanos);
    return Math.min(arrivalNanos + Math.max(0, crossLagNanos), latestStart);
  }

  /**
   * Queues a member, unless the queue is full.
   *
   * @throws IllegalArgumentException when {@code id} is already queued (an adapter bug)
   */
  public OfferResult offer(long id, long arrivalNanos, long waitUntilNanos) {
    if (byArrival.containsKey(id)) {
      throw new IllegalArgumentException("member " + id + " is already queued");
    }
    if (byArrival.size() >= maxPending) {
      return new OfferResult.QueueFull(maxPending);
    }
    BatchMember member = new BatchMember(id, arrivalNanos, waitUntilNanos);
    byArrival.put(id, member);
    byWait.add(member);
    return OfferResult.ACCEPTED;
  }

  /** Drops a member not yet dispatched; false when it is not queued (sent or never offered). */
  public boolean remove(long id) {
    BatchMember member = byArrival.remove(id);
    if (member == null) {
      return false;
    }
    byWait.remove(member);
    return true;
  }

  /** What to do at {@code nowNanos}; a {@link BatchDecision.Dispatch} takes its members out. */
  public BatchDecision decide(long nowNanos) {
    if (byArrival.isEmpty()) {
      return BatchDecision.IDLE;
    }
    int size = Math.max(1, batchSize.getAsInt());
    long earliest = byWait.first().waitUntilNanos();
    boolean idle = inFlight < concurrency.getAsInt();
    if (!idle && byArrival.size() < size && earliest > nowNanos) {
      return new BatchDecision.WaitUntil(earliest);
    }
    int take = Math.min(size, byArrival.size());
    List<BatchMember> batch = new ArrayList<>(take);
    var it = byArrival.values().iterator();
    while (batch.size() < take) {
      BatchMember member = it.next();
      it.remove();
      byWait.remove(member);
      batch.add(member);
    }
    inFlight++;
    return new BatchDecision.Dispatch(batch);
  }

  /**
   * Ends one dispatched call (answered, failed or cancelled): the model has a device free again,
   * so the adapter should {@link #decide} at once.
   *
   * @throws IllegalStateException when no call is in flight (an adapter bug)
   */
  public void callDone() {
    if (inFlight == 0) {
      throw new IllegalStateException("no call in flight");
    }
    inFlight--;
  }

  /** How many dispatched calls have not ended yet. */
  public int inFlight() {
    return inFlight;
  }

  /** How many members wait. */
  public int pending() {
    return byArrival.size();
  }
}
