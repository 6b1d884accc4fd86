package io.tbms.resources.internal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** GETs a metrics endpoint with the Vert.x HTTP client; non-blocking. Close with {@link #close}. */
public final class MetricsScraper {

  private final HttpClient http;
  private final Duration timeout;

  public MetricsScraper(Vertx vertx, Duration timeout) {
    this.timeout = timeout;
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(millis).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(2));
  }

  /** The body of {@code url}; fails on a status other than 200 or after the timeout. */
  public Future<String> scrape(String url) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
        .setIdleTimeout(timeout.toMillis()).putHeader("accept", "text/plain");
    // the body is asked for in the callback that delivers the response, so none of it is missed
    return http.request(options)
        .compose(request -> request.send().compose(response -> response.body().compose(body ->
            response.statusCode() == 200
                ? Future.succeededFuture(body.toString())
                : Future.failedFuture(new IllegalStateException(url + " answered HTTP " + response.statusCode())))))
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public Future<Void> close() {
    return http.close();
  }
}
