package io.tbms.broker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waits for futures from a test thread (never an event loop), at most 30 s each. */
final class Await {

  private Await() {}

  static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The {@link BackendException} the future fails with; fails the test if it succeeds. */
  static BackendException failure(Future<?> future) throws Exception {
    try {
      Object value = result(future);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(BackendException.class);
      return (BackendException) e.getCause();
    }
  }
}
