package io.tbms.dist;

import io.tbms.common.auth.RequestSignature;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Light background traffic for the demo, so metrics and dashboards show life: signed {@code POST
 * /v1/try} queries of CLINC150 test utterances at a given mean rate (Poisson arrivals), over the
 * demo chain with a 50 ms budget. Runs on its own Vert.x event loop; never blocks.
 */
final class DemoTraffic {

  static final JsonArray CHAIN = new JsonArray()
      .add(new JsonObject().put("name", "embedding").put("est_ms", 35))
      .add(new JsonObject().put("name", "svm").put("est_ms", 25))
      .add(new JsonObject().put("name", "bayes").put("est_ms", 15))
      .add(new JsonObject().put("name", "keyword").put("est_ms", 5));
  static final String[] TASKS = {"faq", "support"};

  private final Vertx vertx;
  private final HttpClient client;
  private final List<String> texts;
  private final double qps;
  private final int port;
  private final Random random = new Random(42);
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean running = true;

  DemoTraffic(Vertx vertx, String host, int port, List<String> texts, double qps) {
    this.vertx = vertx;
    this.port = port;
    this.texts = List.copyOf(texts);
    this.qps = qps;
    this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
        .setKeepAlive(true), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
  }

  void start() {
    if (qps > 0) {
      vertx.runOnContext(v -> next());
    }
  }

  void stop() {
    running = false;
  }

  long sent() {
    return sent.get();
  }

  private void next() {
    if (!running) {
      return;
    }
    send();
    double gapMillis = -Math.log(1 - random.nextDouble()) * 1000 / qps;
    vertx.setTimer(Math.max(1, Math.round(gapMillis)), id -> next());
  }

  private void send() {
    String text = texts.get(random.nextInt(texts.size()));
    String task = TASKS[random.nextInt(TASKS.length)];
    byte[] body = new JsonObject().put("task", task).put("query", new JsonObject().put("text", text))
        .put("models", CHAIN).put("budget_ms", 50).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long now = System.currentTimeMillis();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/v1/try").setPort(port)
        .putHeader("content-type", "application/json")
        .putHeader(RequestSignature.ACCESS_ID_HEADER, "demo")
        .putHeader(RequestSignature.TIMESTAMP_HEADER, Long.toString(now))
        .putHeader(RequestSignature.SIGNATURE_HEADER, RequestSignature.sign("demo-secret-key", "POST", "/v1/try", now, body));
    sent.incrementAndGet();
    client.request(options)
        .compose(request -> request.send(Buffer.buffer(body)))
        .compose(response -> response.body())
        .onFailure(e -> { }); // background traffic: a refused or failed query is visible in the metrics
  }
}
