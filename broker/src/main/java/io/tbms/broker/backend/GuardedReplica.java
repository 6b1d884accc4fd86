package io.tbms.broker.backend;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.tbms.broker.backend.internal.MonotonicJavaClock;
import io.tbms.broker.backend.internal.PendingCall;
import io.tbms.common.time.Clock;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One replica of one model behind a Resilience4j circuit breaker and a semaphore bulkhead that
 * never waits. A call first asks the circuit (open: fails at once with {@code CIRCUIT_OPEN},
 * without calling the client), then the bulkhead (full: {@code BULKHEAD_FULL}).
 *
 * <p>Outcomes counted by the circuit: an answer is a success; a failure ({@code BACKEND_ERROR},
 * {@code TRANSPORT}, {@code BAD_RESPONSE}) is an error; a call cancelled as {@link
 * BackendCall.CancelReason#LATE LATE} or {@link BackendCall.CancelReason#OVERDUE OVERDUE} is a
 * slow call only when the replica has answered nothing for {@value #STALL_AFTER_MILLIS} ms (it
 * has stalled), and the slow-call rate threshold is 100%: a backend that stopped answering opens
 * its circuit, while a merely loaded one that still answers calls — even late ones, even if the
 * queries that made them had moved on — keeps it closed. Overload is the downgrade policy's and
 * admission's business, and a breaker that opened on it would turn a slow model into an absent
 * one. A late call of a replica that answered lately is not counted (its permission is released),
 * nor is a call the backend itself gave up on at its deadline ({@code EXPIRED}: the backend is
 * loaded and still answering). A call cancelled as
 * {@link BackendCall.CancelReason#NOT_NEEDED NOT_NEEDED} is not counted (its permission is
 * released). Call durations come from the injected clock, in nanoseconds, and so
 * does the open-state wait.
 *
 * <p>Thread-safe. The replica owns its client: {@link #close()} closes it.
 */
public final class GuardedReplica {

  /**
   * Answers are never slow calls by duration; only {@code OVERDUE} cancels are, recorded as
   * taking longer than this.
   */
  private static final Duration SLOW_CALL = Duration.ofDays(1);

  /** How long a replica must have answered nothing before its late calls count against its circuit. */
  public static final long STALL_AFTER_MILLIS = 1_000;

  private final String model;
  private final ReplicaClient client;
  private final Clock clock;
  private final Duration waitInOpenState;
  private final CircuitBreaker circuitBreaker;
  private final Bulkhead bulkhead;
  private final AtomicInteger outstanding = new AtomicInteger();
  private volatile long openedAtNanos;
  /** When the replica last answered; its creation counts as an answer. */
  private volatile long lastAnswerNanos;

  public GuardedReplica(String model, ReplicaClient client, BackendConfig config, Clock clock) {
    this.model = Objects.requireNonNull(model, "model");
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.waitInOpenState = config.waitInOpenState();
    this.lastAnswerNanos = clock.nanoTime();
    String name = model + "@" + client.replica().address();
    this.circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(config.slidingWindowSize())
        .minimumNumberOfCalls(config.minimumNumberOfCalls())
        .failureRateThreshold(config.failureRateThreshold())
        .slowCallDurationThreshold(SLOW_CALL)
        .slowCallRateThreshold(100f)
        .waitDurationInOpenState(config.waitInOpenState())
        .permittedNumberOfCallsInHalfOpenState(config.permittedCallsInHalfOpenState())
        .clock(new MonotonicJavaClock(clock))
        .currentTimestampFunction(ignored -> clock.nanoTime(), TimeUnit.NANOSECONDS)
        .writableStackTraceEnabled(false)
        .build());
    this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
        .maxConcurrentCalls(config.maxConcurrentCallsPerReplica())
        .maxWaitDuration(Duration.ZERO)
        .writableStackTraceEnabled(false)
        .build());
    circuitBreaker.getEventPublisher().onStateTransition(event -> {
      if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
        openedAtNanos = clock.nanoTime();
      }
    });
  }

  /** Tells {@code listener} of every later change of this replica's circuit state. */
  public void onStateChange(java.util.function.Consumer<CircuitBreaker.State> listener) {
    circuitBreaker.getEventPublisher().onStateTransition(event -> listener.accept(event.getStateTransition().getToState()));
  }

  /**
   * Calls the model on this replica if the circuit and the bulkhead allow. Never throws.
   *
   * @param version the model version, empty for the backend's choice
   */
  public BackendCall infer(String version, InferInput input) {
    if (!circuitBreaker.tryAcquirePermission()) {
      return PendingCall.failed(BackendException.Reason.CIRCUIT_OPEN,
          "the circuit of " + circuitBreaker.getName() + " is " + circuitBreaker.getState());
    }
    if (!bulkhead.tryAcquirePermission()) {
      circuitBreaker.releasePermission();
      return PendingCall.failed(BackendException.Reason.BULKHEAD_FULL,
          circuitBreaker.getName() + " already has " + bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
              + " calls in flight");
    }
    outstanding.incrementAndGet();
    long startNanos = clock.nanoTime();
    BackendCall inner;
    try {
      inner = client.infer(model, version, input);
    } catch (RuntimeException e) {
      inner = PendingCall.failed(BackendException.Reason.TRANSPORT, circuitBreaker.getName() + ": " + e);
    }
    return new GuardedCall(inner, startNanos);
  }

  /** Applies one finished call's outcome to the circuit and frees its bulkhead slot. */
  private void finish(long startNanos, Throwable failure, BackendCall.CancelReason cancelled) {
    long durationNanos = Math.max(0, clock.nanoTime() - startNanos);
    outstanding.decrementAndGet();
    bulkhead.onComplete();
    long now = clock.nanoTime();
    if (failure == null) {
      lastAnswerNanos = now;
      circuitBreaker.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
    } else if (cancelled == BackendCall.CancelReason.NOT_NEEDED && cancelledByCaller(failure)) {
      circuitBreaker.releasePermission();
    } else if (failure instanceof BackendException e && e.reason() == BackendException.Reason.EXPIRED) {
      lastAnswerNanos = now; // it answered, if only that the call was late: loaded, not stalled
      circuitBreaker.releasePermission();
    } else if (cancelled != null && cancelledByCaller(failure)) { // LATE or OVERDUE
      if (now - lastAnswerNanos >= TimeUnit.MILLISECONDS.toNanos(STALL_AFTER_MILLIS)) {
        circuitBreaker.onSuccess(SLOW_CALL.toNanos() + 1, TimeUnit.NANOSECONDS); // stalled: a slow call
      } else {
        circuitBreaker.releasePermission(); // loaded, still answering: not the circuit's business
      }
    } else {
      circuitBreaker.onError(durationNanos, TimeUnit.NANOSECONDS, failure);
    }
  }

  private static boolean cancelledByCaller(Throwable failure) {
    return failure instanceof BackendException e && e.reason() == BackendException.Reason.CANCELLED;
  }

  public String model() {
    return model;
  }

  public ReplicaClient client() {
    return client;
  }

  /** Calls that passed the guards and have not finished yet. */
  public int outstanding() {
    return outstanding.get();
  }

  public CircuitBreaker.State state() {
    return circuitBreaker.getState();
  }

  /**
   * Whether a call now would pass the circuit: closed or half-open, or open with its wait over
   * (strictly; the next call moves it to half-open). Does not take a permission.
   */
  public boolean callPermitted() {
    return switch (circuitBreaker.getState()) {
      case OPEN -> clock.nanoTime() - openedAtNanos > waitInOpenState.toNanos();
      case FORCED_OPEN -> false;
      default -> true;
    };
  }

  public ReplicaStatus status() {
    return new ReplicaStatus(model, client.replica(), state(), callPermitted(), outstanding(),
        circuitBreaker.getMetrics().getFailureRate());
  }

  /** Closes the client; calls in flight fail. */
  public Future<Void> close() {
    return client.close();
  }

  /** Remembers why the caller cancelled, so that the outcome is counted right. */
  private final class GuardedCall implements BackendCall {
    private final BackendCall inner;
    private volatile CancelReason cancelled;

    GuardedCall(BackendCall inner, long startNanos) {
      this.inner = inner;
      inner.result().onComplete(done -> finish(startNanos, done.cause(), cancelled));
    }

    @Override
    public Future<List<ModelAnswer>> result() {
      return inner.result();
    }

    @Override
    public void cancel(CancelReason why) {
      if (!inner.result().isComplete()) {
        if (cancelled == null) {
          cancelled = why;
        }
        inner.cancel(why);
      }
    }
  }
}
