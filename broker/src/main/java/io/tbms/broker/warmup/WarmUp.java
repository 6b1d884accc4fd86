package io.tbms.broker.warmup;

import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.BackendException;
import io.tbms.broker.backend.Backends;
import io.tbms.broker.backend.GuardedReplica;
import io.tbms.broker.backend.InferInput;
import io.tbms.common.time.Clock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Warms the broker's backends before it reports ready: one real {@code ModelInfer} per replica of
 * each model, with a harmless text, through the replica's own client — the connection, the HTTP/2
 * or TLS handshake, the codecs and the model server's first call are all done before the first
 * query needs them. The calls bypass the query engine, so their latencies never reach the lag
 * statistics, the metrics or the report, and they bypass the circuit breaker and the bulkhead, so
 * a replica that is down at start-up is reported, not counted against its circuit.
 *
 * <p>{@link #state} says where each replica stands ({@code /readyz} shows it); {@link #settled}
 * completes when every call of the start-up warm-up has answered, failed or timed out. A replica
 * that could not be reached (its server not up yet) is tried again every {@value
 * #RETRY_AFTER_MILLIS} ms until it can, so a broker started before its model servers turns ready
 * once they are; one that answered an error or stalled is reported and left to its circuit. Replicas that appear later ({@link #warmNew}) are warmed too, without
 * holding readiness back. Thread-safe.
 */
public final class WarmUp {

  /** How long after a warm-up call that found no connection its replica is tried again. */
  public static final long RETRY_AFTER_MILLIS = 1_000;

  private final Vertx vertx;
  private final Backends backends;
  private final WarmUpConfig config;
  private final Clock clock;
  private final WarmUpState state = new WarmUpState();
  private final Set<GuardedReplica> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Future<Void> settled;

  private WarmUp(Vertx vertx, Backends backends, WarmUpConfig config, Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.backends = Objects.requireNonNull(backends, "backends");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settled = warmNew();
  }

  /** Starts warming every replica of every model the backends hold now. */
  public static WarmUp start(Vertx vertx, Backends backends, WarmUpConfig config, Clock clock) {
    return new WarmUp(vertx, backends, config, clock);
  }

  /**
   * Warms the replicas not warmed yet (call it after the registry changed).
   *
   * @return completes when their warm-up calls have answered, failed or timed out
   */
  public Future<Void> warmNew() {
    List<Future<Void>> calls = new ArrayList<>();
    for (String model : backends.models()) {
      for (GuardedReplica replica : backends.replicas(model)) {
        boolean fresh;
        synchronized (seen) {
          fresh = seen.add(replica);
        }
        if (fresh) {
          calls.add(warm(model, replica));
        }
      }
    }
    return Future.join(calls).mapEmpty();
  }

  private Future<Void> warm(String model, GuardedReplica replica) {
    String address = replica.client().replica().address();
    state.set(model, address, ReplicaWarmth.WARMING);
    long started = clock.nanoTime();
    BackendCall call;
    try {
      call = replica.client().infer(model, "", new InferInput.Texts(List.of(config.text())));
    } catch (RuntimeException bug) {
      state.set(model, address, new ReplicaWarmth.Failed(bug.toString()));
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    AtomicBoolean over = new AtomicBoolean();
    AtomicBoolean unreachable = new AtomicBoolean(); // no connection: its server is not up yet
    long timer = vertx.setTimer(Math.max(1, config.timeout().toMillis()), id -> {
      if (over.compareAndSet(false, true)) {
        state.set(model, address,
            new ReplicaWarmth.Failed("no answer within " + config.timeout().toMillis() + " ms"));
        call.cancel(BackendCall.CancelReason.NOT_NEEDED);
        done.complete();
      }
    });
    call.result().onComplete(result -> {
      if (!over.compareAndSet(false, true)) {
        return; // timed out first
      }
      vertx.cancelTimer(timer);
      unreachable.set(result.failed() && result.cause() instanceof BackendException e
          && e.reason() == BackendException.Reason.TRANSPORT);
      state.set(model, address, result.succeeded()
          ? new ReplicaWarmth.Warm(clock.nanoTime() - started)
          : new ReplicaWarmth.Failed(describe(result.cause())));
      done.complete();
    });
    return done.future().onComplete(ignored -> {
      if (unreachable.get()) {
        try {
          vertx.setTimer(RETRY_AFTER_MILLIS, id -> warm(model, replica));
        } catch (IllegalStateException | java.util.concurrent.RejectedExecutionException closed) {
          // the broker is closing: nothing left to warm
        }
      }
    });
  }

  private static String describe(Throwable failure) {
    return failure instanceof BackendException e ? e.reason() + ": " + e.getMessage() : String.valueOf(failure);
  }

  /** Each replica's warm-up. */
  public WarmUpState state() {
    return state;
  }

  /** Completes when every call of the start-up warm-up has answered, failed or timed out. */
  public Future<Void> settled() {
    return settled;
  }
}
