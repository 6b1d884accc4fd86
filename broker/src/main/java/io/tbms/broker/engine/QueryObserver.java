package io.tbms.broker.engine;

import java.util.List;

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

  /**
   * A model call failed (told after {@link #onCall} with {@code ERROR}).
   *
   * @param reason a {@code BackendException.Reason} name, {@code EMPTY_RESPONSE}, or the failure's type
   */
  default void onCallFailed(String model, String reason) {}

  QueryObserver NONE = new QueryObserver() {};

  /** Tells each of {@code observers}, in order. */
  static QueryObserver all(QueryObserver... observers) {
    List<QueryObserver> list = List.of(observers);
    return new QueryObserver() {
      @Override
      public void onFinished(AcceptedQuery query, QueryAnswer answer) {
        list.forEach(o -> o.onFinished(query, answer));
      }

      @Override
      public void onCall(String model, CallResult result, long lagNanos) {
        list.forEach(o -> o.onCall(model, result, lagNanos));
      }

      @Override
      public void onCallFailed(String model, String reason) {
        list.forEach(o -> o.onCallFailed(model, reason));
      }
    };
  }
}
