package io.tbms.bench;

import io.vertx.core.Future;

/**
 * One in-flight call to a model on the model server: its label when it answers, and a way to
 * give up on it (which resets the gRPC stream, so the server may drop the work). Event-loop bound.
 */
interface ModelCall {

  /** The predicted label; fails on a gRPC error or after {@link #cancel()}. */
  Future<String> label();

  /** Gives up on the call; harmless after it completed. */
  void cancel();
}
