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
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's traffic, so metrics and dashboards show life: signed {@code POST /v1/try} queries of
 * CLINC150 test utterances over the demo chain with a 50 ms budget, Poisson arrivals. A light
 * background (tasks {@code faq} and {@code support}) runs all the time; bursts (task {@value
 * #BURST_TASK}) add a heavier rate for a few seconds now and then, enough to overload the models so
 * the broker downgrades. Runs on its own Vert.x event loop; never blocks.
 */
final class DemoTraffic {

  static final JsonArray CHAIN = new JsonArray()
      .add(new JsonObject().put("name", "embedding").put("est_ms", 35))
      .add(new JsonObject().put("name", "svm").put("est_ms", 25))
      .add(new JsonObject().put("name", "bayes").put("est_ms", 15))
      .add(new JsonObject().put("name", "keyword").put("est_ms", 5));
  static final String[] TASKS = {"faq", "support"};
  static final String BURST_TASK = "bursty";

  /**
   * @param qps the background's mean rate; 0 for none
   * @param burstQps the bursts' mean rate, on top of the background; 0 for none
   * @param burstEvery from one burst's start to the next
   * @param burstFor how long a burst lasts
   */
  record Plan(double qps, double burstQps, Duration burstEvery, Duration burstFor) {

    static Plan background(double qps) {
      return new Plan(qps, 0, Duration.ofSeconds(30), Duration.ofSeconds(3));
    }
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final List<String> texts;
  private final Plan plan;
  private final int port;
  private final Random random = new Random(42);
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean running = true;

  DemoTraffic(Vertx vertx, String host, int port, List<String> texts, Plan plan) {
    this.vertx = vertx;
    this.port = port;
    this.texts = List.copyOf(texts);
    this.plan = plan;
    this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
        .setKeepAlive(true), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
  }

  void start() {
    if (plan.qps() > 0) {
      vertx.runOnContext(v -> next(plan.qps(), Long.MAX_VALUE, () -> TASKS[random.nextInt(TASKS.length)]));
    }
    if (plan.burstQps() > 0) {
      // the first burst comes one period in, once the broker has observed its models' lag
      vertx.setPeriodic(plan.burstEvery().toMillis(), plan.burstEvery().toMillis(), id -> burst());
    }
  }

  /** One burst: its own arrivals until {@code burstFor} is over. */
  void burst() {
    long until = System.nanoTime() + plan.burstFor().toNanos();
    next(plan.burstQps(), until, () -> BURST_TASK);
  }

  void stop() {
    running = false;
  }

  long sent() {
    return sent.get();
  }

  private void next(double qps, long untilNanos, Supplier<String> task) {
    if (!running || System.nanoTime() - untilNanos >= 0) {
      return;
    }
    send(task.get());
    double gapMillis = -Math.log(1 - random.nextDouble()) * 1000 / qps;
    vertx.setTimer(Math.max(1, Math.round(gapMillis)), id -> next(qps, untilNanos, task));
  }

  private void send(String task) {
    String text = texts.get(random.nextInt(texts.size()));
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
