package io.tbms.zoo.runtime;

import io.tbms.common.time.Clock;
import io.tbms.zoo.batching.BatchDecision;
import io.tbms.zoo.batching.BatchingOverride;
import io.tbms.zoo.batching.DynamicBatcher;
import io.tbms.zoo.batching.DynamicBatchingConfig;
import io.tbms.zoo.batching.QueueTerms;
import io.tbms.zoo.batching.RequestQueue;
import io.tbms.zoo.device.BatchTimeProfile;
import io.tbms.zoo.device.EmulatedGpu;
import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.model.TextModel;
import io.tbms.zoo.repository.ModelSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Serves one model: a bounded request queue with Triton's priority levels and queue policy, the
 * dynamic batcher, and the model's instances on their devices.
 *
 * <p>When an instance is free the runner first rejects every queued request whose timeout has
 * expired (UNAVAILABLE {@value #TIMEOUT_EXPIRED}, as Triton's {@code timeout_action: REJECT} does;
 * never computed), then the {@link DynamicBatcher} decides over the rest, highest priority level
 * first. A batch runs its real compute on a worker thread and, on an emulated GPU, then holds the
 * device for the profile's {@code T(b)}. The runner's state is guarded by its own monitor; device
 * hand-over and timers come from Vert.x; nothing blocks an event loop. The batching settings can
 * be changed while it serves ({@link #reconfigure}); {@link #spec()} always reports the ones in
 * force.
 */
public final class ModelRunner {

  /** Triton's message for a request whose timeout expired in the queue. */
  public static final String TIMEOUT_EXPIRED = "Request timeout expired";

  private static final class Instance {
    final EmulatedGpu gpu; // null on the CPU
    final BatchTimeProfile profile;
    boolean busy;

    Instance(EmulatedGpu gpu, BatchTimeProfile profile) {
      this.gpu = gpu;
      this.profile = profile;
    }
  }

  private final TextModel model;
  private volatile ModelSpec spec; // written under the monitor, read without it by the fronts
  private DynamicBatcher batcher; // guarded by the monitor
  private final List<Instance> instances = new ArrayList<>();
  private final RequestQueue<QueuedCall> queue = new RequestQueue<>();
  private final InferenceStats stats = new InferenceStats();
  private final Vertx vertx;
  private final WorkerExecutor compute;
  private final Clock clock;
  private long timerDueNanos = Long.MAX_VALUE;
  private boolean ready = true;

  /**
   * @param gpus the emulated GPU of each instance placed on a GPU, by position in {@code spec.instances()};
   *     {@code null} entries for CPU instances
   * @param compute the worker pool that runs the real compute
   */
  public ModelRunner(
      ModelSpec spec, TextModel model, List<EmulatedGpu> gpus, Vertx vertx, WorkerExecutor compute, Clock clock) {
    this.spec = spec;
    this.model = model;
    this.batcher = new DynamicBatcher(spec.batching());
    for (int i = 0; i < spec.instances().size(); i++) {
      instances.add(new Instance(gpus.get(i), spec.instances().get(i).profile()));
    }
    this.vertx = vertx;
    this.compute = compute;
    this.clock = clock;
  }

  /** The model as served now, with the batching settings in force. */
  public ModelSpec spec() {
    return spec;
  }

  /**
   * Changes the dynamic batching live, as a repository load with a config override does: every
   * batch formed from now on follows the new settings, requests still queued included; batches
   * already running finish as they are. A request admitted under a larger {@code max_batch_size}
   * runs alone. Atomic: on failure nothing changes.
   *
   * @return the settings now in force
   * @throws IllegalArgumentException naming the field when the change does not fit the current
   *     settings
   */
  public DynamicBatchingConfig reconfigure(BatchingOverride change) {
    DynamicBatchingConfig next;
    synchronized (this) {
      next = change.applyTo(spec.batching());
      spec = spec.withBatching(next);
      batcher = new DynamicBatcher(next);
    }
    schedule(); // a shorter delay or a smaller target may make a batch due now
    return next;
  }

  public InferenceStats stats() {
    return stats;
  }

  /** How many requests wait in the queue now (none of them batched yet). */
  public synchronized int queued() {
    return queue.size();
  }

  public synchronized boolean ready() {
    return ready;
  }

  /** Repository load/unload: an unloaded model refuses new requests; queued ones still run. */
  public synchronized void setReady(boolean ready) {
    this.ready = ready;
  }

  /**
   * Queues one request of {@code texts.size()} items (already validated against the model's
   * limits), at the default priority and without a timeout. Fails with {@link
   * InferenceException.Reason#UNAVAILABLE} when the model is unloaded or its queue is full.
   */
  public Future<List<Prediction>> infer(List<String> texts) {
    return infer(texts, 0, QueueTerms.NONE, Promise.<Void>promise().future());
  }

  /** Like {@link #infer(List, int, QueueTerms, Future)} without class scores, priority or timeout. */
  public Future<List<Prediction>> infer(List<String> texts, Future<?> withdrawn) {
    return infer(texts, 0, QueueTerms.NONE, withdrawn);
  }

  /**
   * Like {@link #infer(List)}, with the caller's queue terms and a way to withdraw.
   *
   * <p>The request waits at its priority level ({@link QueueTerms#level()}); one still queued when
   * its timeout has expired fails with {@link InferenceException.Reason#UNAVAILABLE} {@value
   * #TIMEOUT_EXPIRED} and is never computed. When {@code withdrawn} completes while the request
   * still waits, it leaves the queue and is never computed (its future fails with {@link
   * InferenceException.Reason#CANCELLED}); a request already in a batch runs to the end, and its
   * answer is dropped. This is how a cancelled gRPC call or a reset HTTP request stops costing
   * device time, as in Triton. Rejections and cancellations count as failures ({@link
   * FailureReason#REJECTED}, {@link FailureReason#CANCELED}).
   *
   * @param topClasses how many classes each prediction lists ({@link TextModel#predict(List,
   *     int)}), 0 for none; a batch computes the most any of its requests asks for, so a request
   *     may get more than it asked
   */
  public Future<List<Prediction>> infer(List<String> texts, int topClasses, QueueTerms terms, Future<?> withdrawn) {
    if (topClasses < 0) {
      throw new IllegalArgumentException("topClasses must be >= 0, was " + topClasses);
    }
    QueuedCall pending;
    synchronized (this) {
      if (!ready) {
        return Future.failedFuture(
            new InferenceException(InferenceException.Reason.UNAVAILABLE, "model '" + spec.name() + "' is not ready"));
      }
      if (queue.size() >= spec.batching().maxQueueSize()) {
        stats.recordFailure(0, FailureReason.REJECTED);
        return Future.failedFuture(
            new InferenceException(
                InferenceException.Reason.UNAVAILABLE,
                "model '" + spec.name() + "' queue is full (" + spec.batching().maxQueueSize() + " requests)"));
      }
      pending = new QueuedCall(clock.nanoTime(), List.copyOf(texts), topClasses, terms);
      queue.add(pending);
    }
    withdrawn.onComplete(ignored -> withdraw(pending));
    schedule();
    return pending.promise.future();
  }

  private void withdraw(QueuedCall pending) {
    boolean removed;
    synchronized (this) {
      removed = queue.remove(pending);
      if (!removed) {
        pending.withdrawn = true; // batched (its answer will be dropped) or already answered
      }
    }
    if (removed) {
      stats.recordFailure(clock.nanoTime() - pending.enqueuedNanos, FailureReason.CANCELED);
      pending.promise.tryFail(new InferenceException(InferenceException.Reason.CANCELLED, "the caller cancelled the request"));
    }
  }

  private void schedule() {
    List<Runnable> starts = new ArrayList<>();
    List<QueuedCall> expired = List.of();
    long now;
    synchronized (this) {
      now = clock.nanoTime();
      for (Instance instance : instances) {
        if (instance.busy) {
          continue;
        }
        if (expired.isEmpty()) {
          expired = queue.removeExpired(now); // as Triton: judged when an instance can take a batch
        }
        BatchDecision decision = batcher.decide(queue, now);
        if (decision instanceof BatchDecision.Dispatch dispatch) {
          List<QueuedCall> batch = new ArrayList<>(dispatch.requests());
          for (int i = 0; i < dispatch.requests(); i++) {
            QueuedCall p = queue.poll();
            stats.recordQueued(now - p.enqueuedNanos);
            batch.add(p);
          }
          instance.busy = true;
          starts.add(() -> start(instance, batch));
        } else if (decision instanceof BatchDecision.WaitFor wait) {
          armTimer(now, wait.delay().toNanos());
          break;
        } else {
          break;
        }
      }
    }
    for (QueuedCall p : expired) {
      stats.recordFailure(now - p.enqueuedNanos, FailureReason.REJECTED);
      deliver(() -> p.promise.tryFail(new InferenceException(InferenceException.Reason.UNAVAILABLE, TIMEOUT_EXPIRED)));
    }
    starts.forEach(Runnable::run);
  }

  private void armTimer(long now, long delayNanos) {
    long due = now + delayNanos;
    if (due >= timerDueNanos) {
      return;
    }
    timerDueNanos = due;
    vertx.timer(Math.max(1, delayNanos), TimeUnit.NANOSECONDS)
        .onComplete(
            ignored -> {
              synchronized (this) {
                if (timerDueNanos == due) {
                  timerDueNanos = Long.MAX_VALUE;
                }
              }
              schedule();
            });
  }

  private void start(Instance instance, List<QueuedCall> batch) {
    if (instance.gpu == null) {
      run(instance, batch);
    } else {
      instance.gpu.acquire(() -> run(instance, batch));
    }
  }

  private void run(Instance instance, List<QueuedCall> batch) {
    List<String> texts = new ArrayList<>();
    int topClasses = 0;
    for (QueuedCall p : batch) {
      texts.addAll(p.texts);
      topClasses = Math.max(topClasses, p.topClasses);
    }
    int classes = topClasses;
    long started = clock.nanoTime();
    compute
        .executeBlocking(() -> model.predict(texts, classes), false)
        .compose(
            predictions -> {
              if (instance.gpu == null) {
                return Future.succeededFuture(predictions);
              }
              long emulated = instance.profile.batchTime(texts.size()).toNanos();
              return vertx.timer(Math.max(1, emulated), TimeUnit.NANOSECONDS).map(predictions);
            })
        .onComplete(result -> finish(instance, batch, texts.size(), started, result.result(), result.cause()));
  }

  private void finish(
      Instance instance, List<QueuedCall> batch, int items, long started, List<Prediction> predictions, Throwable failure) {
    long now = clock.nanoTime();
    if (instance.gpu != null) {
      instance.gpu.release();
    }
    boolean[] withdrawn = new boolean[batch.size()];
    synchronized (this) {
      instance.busy = false;
      for (int i = 0; i < withdrawn.length; i++) {
        withdrawn[i] = batch.get(i).withdrawn;
      }
    }
    try {
      boolean computed = failure == null && predictions.size() == items;
      if (computed) {
        stats.recordExecution(items, 0, now - started, 0, clock.wallMillis());
      }
      String why = computed ? null
          : failure == null ? "model returned " + predictions.size() + " outputs for " + items + " inputs" : failure.toString();
      int offset = 0;
      for (int i = 0; i < withdrawn.length; i++) {
        QueuedCall p = batch.get(i);
        List<Prediction> slice = computed ? predictions.subList(offset, offset + p.texts.size()) : null;
        offset += p.texts.size();
        if (withdrawn[i]) { // computed for nobody: its caller left while it ran
          stats.recordFailure(now - p.enqueuedNanos, FailureReason.CANCELED);
          deliver(() -> p.promise.tryFail(new InferenceException(InferenceException.Reason.CANCELLED, "the caller cancelled the request")));
        } else if (computed) {
          stats.recordSuccess(now - p.enqueuedNanos);
          deliver(() -> p.promise.complete(List.copyOf(slice)));
        } else {
          stats.recordFailure(now - p.enqueuedNanos, FailureReason.BACKEND);
          deliver(() -> p.promise.fail(new InferenceException(InferenceException.Reason.INTERNAL, "inference failed: " + why)));
        }
      }
    } finally {
      schedule(); // the device is free: whatever a caller's handler did, the next batch runs
    }
  }

  /**
   * Hands one answer to its caller. A caller's handler may throw (writing to a stream its client
   * already cancelled does); that is the caller's affair and must not cost the other members of
   * the batch their answers.
   */
  private static void deliver(Runnable completion) {
    try {
      completion.run();
    } catch (RuntimeException e) {
      // the caller is gone; nothing to tell it
    }
  }
}
