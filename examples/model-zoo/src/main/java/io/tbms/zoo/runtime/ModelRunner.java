package io.tbms.zoo.runtime;

import io.tbms.common.time.Clock;
import io.tbms.zoo.batching.BatchDecision;
import io.tbms.zoo.batching.BatchingOverride;
import io.tbms.zoo.batching.DynamicBatcher;
import io.tbms.zoo.batching.DynamicBatchingConfig;
import io.tbms.zoo.batching.QueuedRequest;
import io.tbms.zoo.device.BatchTimeProfile;
import io.tbms.zoo.device.EmulatedGpu;
import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.model.TextModel;
import io.tbms.zoo.repository.ModelSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Serves one model: a bounded request queue, the dynamic batcher, and the model's instances on
 * their devices.
 *
 * <p>When an instance is free the {@link DynamicBatcher} decides; a batch runs its real compute
 * on a worker thread and, on an emulated GPU, then holds the device for the profile's
 * {@code T(b)}. The runner's state is guarded by its own monitor; device hand-over and timers come
 * from Vert.x; nothing blocks an event loop. The batching settings can be changed while it serves
 * ({@link #reconfigure}); {@link #spec()} always reports the ones in force.
 */
public final class ModelRunner {

  private static final class Pending implements QueuedRequest {
    final long enqueuedNanos;
    final List<String> texts;
    final int topClasses;
    final Promise<List<Prediction>> promise = Promise.promise();

    Pending(long enqueuedNanos, List<String> texts, int topClasses) {
      this.enqueuedNanos = enqueuedNanos;
      this.texts = texts;
      this.topClasses = topClasses;
    }

    @Override
    public long enqueuedNanos() {
      return enqueuedNanos;
    }

    @Override
    public int items() {
      return texts.size();
    }
  }

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
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
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

  public synchronized boolean ready() {
    return ready;
  }

  /** Repository load/unload: an unloaded model refuses new requests; queued ones still run. */
  public synchronized void setReady(boolean ready) {
    this.ready = ready;
  }

  /**
   * Queues one request of {@code texts.size()} items (already validated against the model's
   * limits). Fails with {@link InferenceException.Reason#UNAVAILABLE} when the model is unloaded
   * or its queue is full.
   */
  public Future<List<Prediction>> infer(List<String> texts) {
    return infer(texts, 0, Promise.<Void>promise().future());
  }

  /** Like {@link #infer(List, int, Future)} without class scores. */
  public Future<List<Prediction>> infer(List<String> texts, Future<?> withdrawn) {
    return infer(texts, 0, withdrawn);
  }

  /**
   * Like {@link #infer(List)}; when {@code withdrawn} completes while the request still waits in
   * the queue, the request leaves the queue and is never computed (its future fails with {@link
   * InferenceException.Reason#CANCELLED}). A request already in a batch runs to the end. This is
   * how a cancelled gRPC call or a reset HTTP request stops costing device time, as in Triton.
   *
   * @param topClasses how many classes each prediction lists ({@link TextModel#predict(List,
   *     int)}), 0 for none; a batch computes the most any of its requests asks for, so a request
   *     may get more than it asked
   */
  public Future<List<Prediction>> infer(List<String> texts, int topClasses, Future<?> withdrawn) {
    if (topClasses < 0) {
      throw new IllegalArgumentException("topClasses must be >= 0, was " + topClasses);
    }
    Future<List<Prediction>> result = enqueue(texts, topClasses);
    withdrawn.onComplete(ignored -> withdraw(result));
    return result;
  }

  private void withdraw(Future<List<Prediction>> result) {
    Pending removed = null;
    synchronized (this) {
      for (Pending p : queue) {
        if (p.promise.future() == result) {
          removed = p;
          break;
        }
      }
      if (removed != null) {
        queue.remove(removed);
      }
    }
    if (removed != null) {
      stats.recordFailure(clock.nanoTime() - removed.enqueuedNanos);
      removed.promise.tryFail(new InferenceException(InferenceException.Reason.CANCELLED, "the caller cancelled the request"));
    }
  }

  private Future<List<Prediction>> enqueue(List<String> texts, int topClasses) {
    Pending pending;
    synchronized (this) {
      if (!ready) {
        return Future.failedFuture(
            new InferenceException(InferenceException.Reason.UNAVAILABLE, "model '" + spec.name() + "' is not ready"));
      }
      if (queue.size() >= spec.batching().maxQueueSize()) {
        stats.recordFailure(0);
        return Future.failedFuture(
            new InferenceException(
                InferenceException.Reason.UNAVAILABLE,
                "model '" + spec.name() + "' queue is full (" + spec.batching().maxQueueSize() + " requests)"));
      }
      pending = new Pending(clock.nanoTime(), List.copyOf(texts), topClasses);
      queue.addLast(pending);
    }
    schedule();
    return pending.promise.future();
  }

  private void schedule() {
    List<Runnable> starts = new ArrayList<>();
    synchronized (this) {
      long now = clock.nanoTime();
      for (Instance instance : instances) {
        if (instance.busy) {
          continue;
        }
        BatchDecision decision = batcher.decide(queue, now);
        if (decision instanceof BatchDecision.Dispatch dispatch) {
          List<Pending> batch = new ArrayList<>(dispatch.requests());
          for (int i = 0; i < dispatch.requests(); i++) {
            Pending p = queue.pollFirst();
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

  private void start(Instance instance, List<Pending> batch) {
    if (instance.gpu == null) {
      run(instance, batch);
    } else {
      instance.gpu.acquire(() -> run(instance, batch));
    }
  }

  private void run(Instance instance, List<Pending> batch) {
    List<String> texts = new ArrayList<>();
    int topClasses = 0;
    for (Pending p : batch) {
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
      Instance instance, List<Pending> batch, int items, long started, List<Prediction> predictions, Throwable failure) {
    long now = clock.nanoTime();
    if (instance.gpu != null) {
      instance.gpu.release();
    }
    synchronized (this) {
      instance.busy = false;
    }
    try {
      if (failure == null && predictions.size() == items) {
        stats.recordExecution(items, 0, now - started, 0, clock.wallMillis());
        int offset = 0;
        for (Pending p : batch) {
          List<Prediction> slice = predictions.subList(offset, offset + p.texts.size());
          offset += p.texts.size();
          stats.recordSuccess(now - p.enqueuedNanos);
          deliver(() -> p.promise.complete(List.copyOf(slice)));
        }
      } else {
        String why = failure == null ? "model returned " + predictions.size() + " outputs for " + items + " inputs" : failure.toString();
        for (Pending p : batch) {
          stats.recordFailure(now - p.enqueuedNanos);
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
