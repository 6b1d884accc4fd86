package io.tbms.broker.admission;

/**
 * One model call counted against {@link Admission}'s limit, from {@link Admission#acquire} until
 * exactly one of these is called (later calls are ignored). Like concurrency-limits'
 * {@code Limiter.Listener}. Thread-safe.
 */
public interface Permit {

  /** The call answered: its RTT is a sample for the limit. */
  void onSuccess();

  /** The call was dropped or timed out for lack of capacity: the limit should back off. */
  void onDropped();

  /** The call ended without saying anything about capacity (cancelled, bad input): no sample. */
  void onIgnore();
}
