package io.tbms.broker.backend;

import java.time.Duration;
import java.util.Objects;

/**
 * How each replica is guarded: a count-based circuit breaker and a semaphore bulkhead that never
 * waits. Immutable; the constructor rejects bad values with a message naming the field.
 *
 * <p>The circuit opens when, over the last {@code slidingWindowSize} recorded calls (and at least
 * {@code minimumNumberOfCalls}), the share of failed calls reaches {@code failureRateThreshold}
 * percent. A failed call is an error status, a transport or decoding failure, or a call cancelled
 * because it was late. After {@code waitInOpenState} the circuit lets
 * {@code permittedCallsInHalfOpenState} probe calls through and closes again if they succeed.
 *
 * @param failureRateThreshold percent of failed calls that opens the circuit, in (0, 100]
 * @param slidingWindowSize how many recent calls the failure rate looks at, {@code >= 1}
 * @param minimumNumberOfCalls how many calls must be recorded before the rate counts, in
 *     [1, slidingWindowSize]
 * @param waitInOpenState how long an open circuit refuses every call, {@code > 0}
 * @param permittedCallsInHalfOpenState probe calls let through after the wait, {@code >= 1}
 * @param maxConcurrentCallsPerReplica calls in flight per replica before the bulkhead refuses,
 *     {@code >= 1}
 * @param classScores how many of a model's best classes a member of an {@code avg} mix group
 *     asks for (Triton's classification extension, see {@link AnswerOutputs}), in [0, {@value
 *     #MAX_CLASS_SCORES}]; 0: never ask, {@code avg} then combines top-1 answers only. Other
 *     queries never ask: their calls stay as cheap as before
 */
public record BackendConfig(
    float failureRateThreshold,
    int slidingWindowSize,
    int minimumNumberOfCalls,
    Duration waitInOpenState,
    int permittedCallsInHalfOpenState,
    int maxConcurrentCallsPerReplica,
    int classScores) {

  public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50f;
  public static final int DEFAULT_SLIDING_WINDOW_SIZE = 20;
  public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 10;
  public static final Duration DEFAULT_WAIT_IN_OPEN_STATE = Duration.ofSeconds(5);
  public static final int DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE = 3;
  public static final int DEFAULT_MAX_CONCURRENT_CALLS_PER_REPLICA = 64;
  public static final int DEFAULT_CLASS_SCORES = 5;
  public static final int MAX_CLASS_SCORES = 1000;

  public BackendConfig {
    Objects.requireNonNull(waitInOpenState, "waitInOpenState");
    if (!(failureRateThreshold > 0f && failureRateThreshold <= 100f)) {
      throw new IllegalArgumentException(
          "failureRateThreshold must be in (0, 100], was " + failureRateThreshold);
    }
    atLeastOne("slidingWindowSize", slidingWindowSize);
    atLeastOne("minimumNumberOfCalls", minimumNumberOfCalls);
    if (minimumNumberOfCalls > slidingWindowSize) {
      throw new IllegalArgumentException("minimumNumberOfCalls must be <= slidingWindowSize ("
          + slidingWindowSize + "), was " + minimumNumberOfCalls);
    }
    if (waitInOpenState.isNegative() || waitInOpenState.isZero()) {
      throw new IllegalArgumentException("waitInOpenState must be > 0, was " + waitInOpenState);
    }
    atLeastOne("permittedCallsInHalfOpenState", permittedCallsInHalfOpenState);
    atLeastOne("maxConcurrentCallsPerReplica", maxConcurrentCallsPerReplica);
    if (classScores < 0 || classScores > MAX_CLASS_SCORES) {
      throw new IllegalArgumentException(
          "classScores must be in [0, " + MAX_CLASS_SCORES + "], was " + classScores);
    }
  }

  private static void atLeastOne(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be >= 1, was " + value);
    }
  }

  public static BackendConfig ofDefaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from the defaults. Not thread-safe. */
  public static final class Builder {
    private float failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;
    private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;
    private int minimumNumberOfCalls = DEFAULT_MINIMUM_NUMBER_OF_CALLS;
    private Duration waitInOpenState = DEFAULT_WAIT_IN_OPEN_STATE;
    private int permittedCallsInHalfOpenState = DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE;
    private int maxConcurrentCallsPerReplica = DEFAULT_MAX_CONCURRENT_CALLS_PER_REPLICA;
    private int classScores = DEFAULT_CLASS_SCORES;

    private Builder() {}

    public Builder failureRateThreshold(float percent) {
      this.failureRateThreshold = percent;
      return this;
    }

    /** Sets both the window and the minimum number of calls; most tests want them equal. */
    public Builder window(int slidingWindowSize, int minimumNumberOfCalls) {
      this.slidingWindowSize = slidingWindowSize;
      this.minimumNumberOfCalls = minimumNumberOfCalls;
      return this;
    }

    public Builder waitInOpenState(Duration wait) {
      this.waitInOpenState = wait;
      return this;
    }

    public Builder permittedCallsInHalfOpenState(int calls) {
      this.permittedCallsInHalfOpenState = calls;
      return this;
    }

    public Builder maxConcurrentCallsPerReplica(int calls) {
      this.maxConcurrentCallsPerReplica = calls;
      return this;
    }

    public Builder classScores(int classes) {
      this.classScores = classes;
      return this;
    }

    public BackendConfig build() {
      return new BackendConfig(failureRateThreshold, slidingWindowSize, minimumNumberOfCalls,
          waitInOpenState, permittedCallsInHalfOpenState, maxConcurrentCallsPerReplica, classScores);
    }
  }
}
