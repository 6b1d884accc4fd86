package io.tbms.broker.batching;

import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.BackendException;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.backend.ModelBackend;
import io.tbms.broker.backend.Urgency;
import io.tbms.broker.batching.internal.ModelQueue;
import io.tbms.broker.batching.internal.SharedCall;
import io.tbms.common.time.Clock;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cross-request batching in front of a {@link ModelBackend} (docs/design.md §4): text queries that allow
 * it share one {@code ModelInfer} call per (model, version), as decided by one {@link
 * CrossBatcher} each.
 *
 * <p>{@link #submit} queues a query and returns its own {@link BackendCall}, whose result holds
 * exactly one answer: the shared call's answer at the member's position. A query for a model with
 * a free device (fewer shared calls in flight than its {@linkplain ModelBatching#concurrency
 * concurrency}) is sent at once, on the caller's thread; while the model is busy, queries gather
 * and go when a shared call ends, the batch fills or a wait runs out. The adapter keeps at most
 * one Vert.x timer per model, set for the batcher's earliest {@link BatchDecision.WaitUntil}.
 *
 * <ul>
 *   <li>Cancelling a member not yet sent drops its slot; the batch goes without it.
 *   <li>Cancelling a sent member detaches it (its result fails with {@code CANCELLED}); the
 *       shared call is cancelled only when all its members have cancelled — {@code LATE} if any
 *       of them was late, else {@code NOT_NEEDED}.
 *   <li>A failed shared call fails every member still attached with the same exception; an
 *       answer count that does not match the batch fails them with {@code BAD_RESPONSE}.
 *   <li>A full queue ({@link CrossBatchConfig#maxPending()}) is refused at once: the returned
 *       call fails with {@code BULKHEAD_FULL}.
 * </ul>
 *
 * <p>Thread-safe: queue state is guarded by this object's monitor; the wrapped backend is called,
 * results are completed and shared calls are cancelled outside it. A member's result completes
 * on the thread that completes the shared call (normally the backend's event loop) or on the
 * thread that cancels it. Times come from the injected {@link Clock}; the timer only wakes the
 * adapter, which then decides with the clock's time. One queue is kept per (model, version)
 * submitted, so callers submit registered models only.
 */
public final class BatchingBackend {

  private enum State { WAITING, SENT, DONE, CANCELLED }

  private record QueueKey(String model, String version) {}

  private final Vertx vertx;
  private final ModelBackend backend;
  private final ModelBatching settings;
  private final CrossBatchConfig config;
  private final Clock clock;
  private final Map<QueueKey, ModelQueue<Member>> queues = new HashMap<>();
  private long nextId;

  /** @param settings each model's live batch size, queue-delay cap and concurrency */
  public BatchingBackend(Vertx vertx, ModelBackend backend, ModelBatching settings, CrossBatchConfig config, Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Queues one text for a shared call to the model.
   *
   * @param version the model version, empty for the backend's choice; only equal versions share
   * @param waitUntilNanos the latest time (on the injected clock) the text may be sent; see
   *     {@link CrossBatcher#waitUntilNanos}; the model's queue-delay cap may bring it forward. A
   *     time already past sends it with whatever waits.
   * @return the member's call: one answer, or a {@link BackendException}
   */
  public BackendCall submit(String model, String version, String text, long waitUntilNanos) {
    return submit(model, version, text, waitUntilNanos, false);
  }

  /**
   * Like {@link #submit(String, String, String, long)}; with {@code classScores} the shared call
   * asks for class scores ({@link InferInput#classScores()}), and so every member of that batch
   * gets them.
   */
  public BackendCall submit(String model, String version, String text, long waitUntilNanos, boolean classScores) {
    return submit(model, version, text, waitUntilNanos, classScores, Urgency.NONE);
  }

  /**
   * Like {@link #submit(String, String, String, long, boolean)}, for a query of {@code urgency}.
   * The shared call carries its members' {@linkplain Urgency#join joined} urgency: the latest
   * deadline (a model server drops a whole request whose timeout expires, and a shared call is of
   * use as long as one member can still use it) and the most important priority.
   */
  public BackendCall submit(
      String model, String version, String text, long waitUntilNanos, boolean classScores, Urgency urgency) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(urgency, "urgency");
    Member member;
    List<SharedCall<Member>> ready;
    synchronized (this) {
      ModelQueue<Member> queue = queues.computeIfAbsent(new QueueKey(model, version),
          key -> new ModelQueue<>(model, version, new CrossBatcher(() -> settings.batchSize().applyAsInt(model),
              () -> settings.concurrency().applyAsInt(model), config)));
      long now = clock.nanoTime();
      Duration cap = settings.maxQueueDelay().apply(model);
      long waitUntil = cap == null ? waitUntilNanos : Math.min(waitUntilNanos, now + cap.toNanos());
      member = new Member(nextId++, queue, text, classScores, urgency);
      if (queue.batcher().offer(member.id, now, waitUntil) instanceof OfferResult.QueueFull full) {
        return new Refused(new BackendException(BackendException.Reason.BULKHEAD_FULL,
            "cross-request batch queue of model '" + model + "' is full (maxPending=" + full.maxPending() + ")"));
      }
      queue.waiting().put(member.id, member);
      ready = settle(queue, now);
    }
    send(ready);
    return member;
  }

  /** Takes every batch due at {@code now}, then sets the queue's timer for the next decision. */
  private List<SharedCall<Member>> settle(ModelQueue<Member> queue, long now) {
    List<SharedCall<Member>> ready = new ArrayList<>();
    while (true) {
      BatchDecision decision = queue.batcher().decide(now);
      if (decision instanceof BatchDecision.Dispatch dispatch) {
        List<Member> members = new ArrayList<>(dispatch.members().size());
        for (BatchMember taken : dispatch.members()) {
          members.add(queue.waiting().remove(taken.id()));
        }
        SharedCall<Member> shared = new SharedCall<>(queue, members);
        for (Member member : members) {
          member.state = State.SENT;
          member.shared = shared;
        }
        ready.add(shared);
      } else if (decision instanceof BatchDecision.WaitUntil wait) {
        arm(queue, wait.atNanos(), now);
        return ready;
      } else {
        disarm(queue);
        return ready;
      }
    }
  }

  private void arm(ModelQueue<Member> queue, long atNanos, long now) {
    if (queue.timerArmed() && queue.timerAtNanos() <= atNanos) {
      return; // an earlier wake-up will decide again and re-arm
    }
    disarm(queue);
    long delayMillis = Math.max(1, (atNanos - now + 999_999L) / 1_000_000L); // round up: never wake early
    long id = vertx.setTimer(delayMillis, fired -> onTimer(queue, fired));
    queue.timerArmed(id, atNanos);
  }

  private void disarm(ModelQueue<Member> queue) {
    if (queue.timerArmed()) {
      vertx.cancelTimer(queue.timerId());
      queue.timerCleared();
    }
  }

  private void onTimer(ModelQueue<Member> queue, long timerId) {
    List<SharedCall<Member>> ready;
    synchronized (this) {
      if (queue.timerId() != timerId) {
        return; // replaced by an earlier timer
      }
      queue.timerCleared();
      ready = settle(queue, clock.nanoTime());
    }
    send(ready);
  }

  /**
   * Starts each ready batch's call outside the monitor. A batch whose members all left before it
   * was sent, or whose call ends at once, frees its device: what that makes due goes too.
   */
  private void send(List<SharedCall<Member>> ready) {
    ArrayDeque<SharedCall<Member>> work = new ArrayDeque<>(ready);
    while (!work.isEmpty()) {
      SharedCall<Member> shared = work.poll();
      synchronized (this) {
        if (shared.allCancelled()) { // every member left between the decision and now: nothing to send
          work.addAll(ended(shared));
          continue;
        }
      }
      List<String> texts = new ArrayList<>(shared.members().size());
      boolean classScores = false;
      Urgency urgency = null;
      for (Member member : shared.members()) {
        texts.add(member.text);
        classScores |= member.classScores;
        urgency = urgency == null ? member.urgency : urgency.join(member.urgency);
      }
      ModelQueue<Member> queue = shared.queue();
      BackendCall call;
      try {
        call = backend.infer(queue.model(), queue.version(), new InferInput.Texts(texts, classScores, urgency));
      } catch (RuntimeException bug) {
        work.addAll(finish(shared, Future.failedFuture(bug)));
        continue;
      }
      BackendCall.CancelReason cancelNow = null;
      synchronized (this) {
        shared.started(call);
        if (shared.allCancelled()) {
          cancelNow = shared.cancelReason();
        }
      }
      if (cancelNow != null) {
        call.cancel(cancelNow);
        synchronized (this) {
          work.addAll(ended(shared)); // nobody waits for it: its device counts as free
        }
      }
      if (call.result().isComplete()) { // answered (or failed) at once: no recursion through send
        work.addAll(finish(shared, call.result()));
      } else {
        call.result().onComplete(result -> send(finish(shared, result)));
      }
    }
  }

  /**
   * Ends a shared call for its batcher (once, whether it answered, failed or was cancelled) and
   * takes what is due now that the model has a device free. Called under the monitor.
   */
  private List<SharedCall<Member>> ended(SharedCall<Member> shared) {
    if (!shared.end()) {
      return List.of();
    }
    shared.queue().batcher().callDone();
    return settle(shared.queue(), clock.nanoTime());
  }

  /** Hands the shared call's result to its members still attached; returns the batches now due. */
  private List<SharedCall<Member>> finish(SharedCall<Member> shared, AsyncResult<List<ModelAnswer>> result) {
    List<Member> members = shared.members();
    boolean[] attached = new boolean[members.size()];
    List<SharedCall<Member>> due;
    synchronized (this) {
      for (int i = 0; i < attached.length; i++) {
        Member member = members.get(i);
        attached[i] = member.state == State.SENT;
        if (attached[i]) {
          member.state = State.DONE;
        }
      }
      due = ended(shared);
    }
    Throwable failure = result.cause();
    if (result.succeeded() && result.result().size() != members.size()) {
      failure = new BackendException(BackendException.Reason.BAD_RESPONSE, "model '" + shared.queue().model()
          + "' returned " + result.result().size() + " answers for a batch of " + members.size());
    }
    for (int i = 0; i < attached.length; i++) {
      if (!attached[i]) {
        continue;
      }
      if (failure == null) {
        members.get(i).promise.tryComplete(List.of(result.result().get(i)));
      } else {
        members.get(i).promise.tryFail(failure);
      }
    }
    return due;
  }

  /** One query's slot: waiting in its queue, then part of a shared call. */
  private final class Member implements BackendCall {
    private final long id;
    private final ModelQueue<Member> queue;
    private final String text;
    private final boolean classScores;
    private final Urgency urgency;
    private final Promise<List<ModelAnswer>> promise = Promise.promise();
    private State state = State.WAITING; // guarded by BatchingBackend.this
    private SharedCall<Member> shared; // guarded by BatchingBackend.this

    private Member(long id, ModelQueue<Member> queue, String text, boolean classScores, Urgency urgency) {
      this.id = id;
      this.queue = queue;
      this.text = text;
      this.classScores = classScores;
      this.urgency = urgency;
    }

    @Override
    public Future<List<ModelAnswer>> result() {
      return promise.future();
    }

    @Override
    public void cancel(CancelReason why) {
      BackendCall sharedToCancel = null;
      CancelReason sharedReason = null;
      SharedCall<Member> given = null;
      synchronized (BatchingBackend.this) {
        if (state == State.WAITING) {
          queue.batcher().remove(id);
          queue.waiting().remove(id);
        } else if (state == State.SENT) {
          if (shared.detach(why)) {
            sharedToCancel = shared.call(); // null while being started: send() cancels it then
            sharedReason = shared.cancelReason();
            given = sharedToCancel == null ? null : shared;
          }
        } else {
          return;
        }
        state = State.CANCELLED;
      }
      promise.tryFail(new BackendException(BackendException.Reason.CANCELLED,
          "call to model '" + queue.model() + "' cancelled: " + why));
      if (sharedToCancel != null) {
        sharedToCancel.cancel(sharedReason);
        List<SharedCall<Member>> due;
        synchronized (BatchingBackend.this) {
          due = ended(given); // nobody waits for it any more: its device counts as free
        }
        send(due);
      }
    }
  }

  /** A query the full queue turned away. */
  private record Refused(BackendException why) implements BackendCall {
    @Override
    public Future<List<ModelAnswer>> result() {
      return Future.failedFuture(why);
    }

    @Override
    public void cancel(CancelReason reason) {}
  }
}
