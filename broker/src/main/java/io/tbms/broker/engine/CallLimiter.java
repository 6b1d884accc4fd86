package io.tbms.broker.engine;

import java.util.Optional;

/**
 * Admission per model call: a permit before each call, returned with the call's fate so an
 * adaptive limit can learn from it. Thread-safe.
 */
public interface CallLimiter {

  /** A permit, or empty when the limit is reached (the call then fails and its backup fires). */
  Optional<Permit> tryAcquire();

  /** One call's permit; exactly one of its methods is called, once. */
  interface Permit {
    /** The call answered; its latency is a sample for the limit. */
    void onSuccess();

    /** The call failed or timed out: the backend is overloaded. */
    void onDropped();

    /** The call was cancelled or says nothing about load. */
    void onIgnore();
  }

  /** No limit. */
  CallLimiter UNLIMITED = () -> Optional.of(new Permit() {
    @Override
    public void onSuccess() {}

    @Override
    public void onDropped() {}

    @Override
    public void onIgnore() {}
  });
}
