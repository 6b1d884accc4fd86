package io.tbms.broker.engine;

/**
 * Told what the engine does, for metrics and reports. Called on the query's event loop: keep it
 * quick and never block.
 */
public interface QueryObserver {

  /** What became of one model call. */
  enum CallResult { ANSWERED, ERROR, LATE, CANCELLED }

  /** A query ended; exactly once per accepted query. */
  default void onFinished(AcceptedQuery query, QueryAnswer answer) {}

  /**
   * A model call ended.
   *
   * @param lagNanos from the call's start to its end (for LATE: to the query's end, a lower bound)
   */
  default void onCall(String model, CallResult result, long lagNanos) {}

  QueryObserver NONE = new QueryObserver() {};
}
