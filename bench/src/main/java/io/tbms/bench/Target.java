package io.tbms.bench;

import io.vertx.core.Future;

/**
 * Something the load generator sends queries to: the broker, or a baseline that calls the model
 * server itself. {@link #send(String)} is called on the bench's event loop and must not block;
 * its future completes (on that loop) with the query's outcome and never fails.
 */
interface Target {

  /** The name in the report, e.g. {@code static-fallback}. */
  String name();

  /** The chain's model names, best first, for the per-model columns. */
  java.util.List<String> models();

  /** Sends one query text; the future completes with its outcome. */
  Future<QueryOutcome> send(String text);
}
