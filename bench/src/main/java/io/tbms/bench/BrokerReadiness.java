package io.tbms.bench;

import io.tbms.common.time.Clock;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a broker's {@code GET /readyz} to answer 200, polling every {@value #POLL_MILLIS} ms,
 * so a run can start the moment a freshly started broker declares itself ready (the cold-start
 * row). Blocks the calling thread.
 */
final class BrokerReadiness {

  static final long POLL_MILLIS = 20;
  private static final long REQUEST_TIMEOUT_MILLIS = 1_000;

  private final HttpClient http;
  private final String host;
  private final int port;
  private final Clock clock;

  BrokerReadiness(HttpClient http, String host, int port, Clock clock) {
    this.http = http;
    this.host = host;
    this.port = port;
    this.clock = clock;
  }

  /** @return whether {@code /readyz} answered 200 within {@code limit} */
  boolean await(Duration limit) throws Exception {
    long until = clock.nanoTime() + limit.toNanos();
    while (clock.nanoTime() < until) {
      if (ready()) {
        return true;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return false;
  }

  private boolean ready() throws Exception {
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI("/readyz")
            .setConnectTimeout(REQUEST_TIMEOUT_MILLIS).setIdleTimeout(REQUEST_TIMEOUT_MILLIS))
        .compose(request -> request.send())
        .compose(response -> response.body().map(b -> response.statusCode() == 200))
        .onComplete(ar -> ready.complete(ar.succeeded() && ar.result()));
    return ready.get(REQUEST_TIMEOUT_MILLIS + 1_000, TimeUnit.MILLISECONDS);
  }
}
