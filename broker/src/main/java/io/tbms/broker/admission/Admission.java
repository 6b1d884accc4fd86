package io.tbms.broker.admission;

import com.netflix.concurrency.limits.Limit;
import io.tbms.broker.admission.internal.Limits;
import io.tbms.common.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker's admission control: an adaptive limit on model calls in flight, and shedding by
 * priority under it ({@link PriorityShedding} has the rule).
 *
 * <p>At arrival the front {@link #enter enters} the query: {@link Verdict.Reject} becomes 429 /
 * {@code RESOURCE_EXHAUSTED}; otherwise a permit is reserved for the query's first model call.
 * Before each further model call the query asks for a {@link #acquire permit}; none means the
 * entry is skipped as {@code SHED}. Every permit ends in one of {@link
 * Permit#onSuccess()}, {@link Permit#onDropped()} or {@link Permit#onIgnore()}; success and drop
 * feed the call's RTT — measured on the injected {@link Clock} from acquire to completion — to the
 * concurrency-limits {@link Limit} ({@code onSample(startNanos, rttNanos, inflight, didDrop)}),
 * which moves the limit: down when RTT rises or calls are dropped, up while RTT holds.
 *
 * <p>Thread-safe and non-blocking: the in-flight count is kept here with compare-and-set, so no
 * permit is granted once {@code inflight >= limit}. A limit that falls below the current in-flight
 * count only stops new calls; those in flight finish.
 */
public final class Admission {

  private final Limit limit;
  private final PriorityShedding shedding;
  private final Clock clock;
  private final AtomicInteger inflight = new AtomicInteger();

  public Admission(AdmissionConfig config, Clock clock) {
    this(Limits.create(config), new PriorityShedding(config.lowestShare()), clock);
  }

  /** With any concurrency-limits {@link Limit}, e.g. a tuned one; the limit is owned by this admission. */
  public Admission(Limit limit, PriorityShedding shedding, Clock clock) {
    this.limit = Objects.requireNonNull(limit, "limit");
    this.shedding = Objects.requireNonNull(shedding, "shedding");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The verdict for a query of {@code priority} (0..9) now. Reads the state only; it may be asked
   * again before each entry, e.g. for the downgrade policy's {@code shed} flag.
   */
  public Verdict admit(int priority) {
    return shedding.verdict(priority, inflight.get(), limit.getLimit());
  }

  /**
   * Judges a query of {@code priority} and, unless it is rejected, reserves the permit for its
   * first model call in the same atomic step: an admitted query can always make one call, even
   * when a burst fills the limit before that call fires.
   */
  public Entry enter(int priority) {
    while (true) {
      int current = inflight.get();
      Verdict verdict = shedding.verdict(priority, current, limit.getLimit());
      if (verdict instanceof Verdict.Reject) {
        return new Entry(verdict, Optional.empty());
      }
      if (inflight.compareAndSet(current, current + 1)) {
        return new Entry(verdict, Optional.of(new CallPermit(clock.nanoTime(), current + 1)));
      }
    }
  }

  /**
   * Counts one model call against the limit, or refuses it: empty when {@code inflight >= limit},
   * or when the query's priority is being shed and this is not its cheapest entry.
   *
   * @param priority the query's priority, 0..9
   * @param cheapestEntry whether the call is the query's lowest-estimate entry
   */
  public Optional<Permit> acquire(int priority, boolean cheapestEntry) {
    while (true) {
      int current = inflight.get();
      if (!shedding.mayStart(priority, cheapestEntry, current, limit.getLimit())) {
        return Optional.empty();
      }
      if (inflight.compareAndSet(current, current + 1)) {
        return Optional.of(new CallPermit(clock.nanoTime(), current + 1));
      }
    }
  }

  /** The current limit on model calls in flight. */
  public int limit() {
    return limit.getLimit();
  }

  /** Model calls in flight now. */
  public int inflight() {
    return inflight.get();
  }

  private final class CallPermit implements Permit {
    private final long startNanos;
    private final int inflightAtStart;
    private final AtomicBoolean ended = new AtomicBoolean();

    private CallPermit(long startNanos, int inflightAtStart) {
      this.startNanos = startNanos;
      this.inflightAtStart = inflightAtStart;
    }

    @Override
    public void onSuccess() {
      end(true, false);
    }

    @Override
    public void onDropped() {
      end(true, true);
    }

    @Override
    public void onIgnore() {
      end(false, false);
    }

    private void end(boolean sample, boolean didDrop) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      inflight.decrementAndGet();
      if (sample) {
        limit.onSample(startNanos, clock.nanoTime() - startNanos, inflightAtStart, didDrop);
      }
    }
  }
}
