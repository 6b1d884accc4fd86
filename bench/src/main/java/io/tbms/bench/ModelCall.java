package io.tbms.bench;

import io.vertx.core.Future;

/**
 * One in-flight call to a model on the model server: its label when it answers, and a way to
 * give up on it (optionally resetting the gRPC stream, see {@link KServeModelClient}).
 * Event-loop bound.
 */
interface ModelCall {

  /** The predicted label; fails on a gRPC error or after {@link #cancel()}. */
  Future<String> label();

  /** Gives up on the call; harmless after it completed. */
  void cancel();
}
