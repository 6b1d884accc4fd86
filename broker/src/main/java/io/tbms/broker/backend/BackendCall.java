package io.tbms.broker.backend;

import io.vertx.core.Future;
import java.util.List;

/**
 * One {@code ModelInfer} call in flight. Its result holds one answer per item of the
 * {@link InferInput}, in order, or fails with a {@link BackendException}.
 */
public interface BackendCall {

  Future<List<ModelAnswer>> result();

  /**
   * Gives up on the call: a call not yet sent is dropped, a sent one is cancelled on the wire
   * (gRPC {@code CANCEL}, HTTP stream reset). Idempotent; a no-op once the result is complete.
   *
   * @param why whether the caller stopped waiting because the answer was {@linkplain
   *     CancelReason#LATE late} (counted against the replica's circuit as a failure), {@linkplain
   *     CancelReason#OVERDUE overdue} (counted as a slow call) or merely {@linkplain
   *     CancelReason#NOT_NEEDED not needed} any more (not counted)
   */
  void cancel(CancelReason why);

  enum CancelReason {
    /** Another answer won before this call ran past the caller's estimate: nothing is counted. */
    NOT_NEEDED,
    /**
     * Another answer won after this call had run past the caller's estimate. The circuit counts it
     * as a slow call: a backend whose every recent call is overdue (stalled) opens its circuit, one
     * that still answers some calls in time does not.
     */
    OVERDUE,
    /** The query's deadline came first; the backend was too slow. */
    LATE
  }
}
