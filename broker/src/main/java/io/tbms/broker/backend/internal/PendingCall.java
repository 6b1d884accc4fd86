package io.tbms.broker.backend.internal;

import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.BackendException;
import io.tbms.broker.backend.ModelAnswer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;

/**
 * A {@link BackendCall} whose wire request arrives later: the transport {@linkplain #attach
 * attaches} how to cancel it once the request exists, and a cancel that came first is applied
 * then. The first of complete, fail and cancel wins. Thread-safe.
 */
public final class PendingCall implements BackendCall {

  private final Promise<List<ModelAnswer>> promise = Promise.promise();
  private Runnable wireCancel;
  private boolean cancelled;

  /** A call that has already failed, e.g. refused before anything was sent. */
  public static PendingCall failed(BackendException.Reason reason, String message) {
    PendingCall call = new PendingCall();
    call.fail(new BackendException(reason, message));
    return call;
  }

  @Override
  public Future<List<ModelAnswer>> result() {
    return promise.future();
  }

  @Override
  public void cancel(CancelReason why) {
    if (!promise.tryFail(new BackendException(BackendException.Reason.CANCELLED, "cancelled: " + why))) {
      return;
    }
    Runnable toRun;
    synchronized (this) {
      cancelled = true;
      toRun = wireCancel;
      wireCancel = null;
    }
    if (toRun != null) {
      toRun.run();
    }
  }

  /**
   * Registers how to cancel the request now on the wire.
   *
   * @return false (after running {@code cancelOnWire}) when the call was cancelled already: the
   *     transport should not send it
   */
  public boolean attach(Runnable cancelOnWire) {
    synchronized (this) {
      if (!cancelled) {
        wireCancel = cancelOnWire;
        return true;
      }
    }
    cancelOnWire.run();
    return false;
  }

  public void complete(List<ModelAnswer> answers) {
    if (promise.tryComplete(answers)) {
      detach();
    }
  }

  public void fail(BackendException failure) {
    if (promise.tryFail(failure)) {
      detach();
    }
  }

  private synchronized void detach() {
    wireCancel = null;
  }
}
