package io.tbms.bench;

import io.tbms.common.time.Clock;
import io.tbms.protocol.transport.GrpcClients;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One bench run end to end: measure (or take) the embedding model's capacity, then drive each
 * target at each load and collect the rows. The client side is one Vert.x event loop (the bench
 * machine is small, and the model server or broker share it) plus the driver thread and one
 * scheduler thread for the TimeLimiter; HTTP and gRPC connections are pooled so requests never
 * queue in the client.
 */
final class BenchRun {

  private static final long REQUEST_TIMEOUT_MILLIS = 10_000;
  private static final int GRPC_CONNECTIONS = 8;
  private static final java.time.Duration SETTLE_LIMIT = java.time.Duration.ofSeconds(60);

  private final BenchConfig config;
  private final QuerySet queries;
  private final PrintStream log;
  private final Clock clock = Clock.system();

  BenchRun(BenchConfig config, QuerySet queries, PrintStream log) {
    this.config = config;
    this.queries = queries;
    this.log = log;
  }

  BenchReport execute() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tbms-bench-timelimiter");
      t.setDaemon(true);
      return t;
    });
    try {
      Context context = vertx.getOrCreateContext();
      GrpcClient grpc = GrpcClients.create(vertx, new GrpcClientOptions(), new HttpClientOptions(),
          new PoolOptions().setHttp2MaxSize(GRPC_CONNECTIONS));
      KServeModelClient zoo = new KServeModelClient(grpc,
          SocketAddress.inetSocketAddress(config.zooGrpcPort(), config.zooHost()), config.cancelLateCalls());
      ServerSettler settler = new ServerSettler(context, clock, zoo,
          Chains.FULL.stream().map(ChainEntry::name).toList(), config.budget());
      HttpClient brokerHttp = vertx.createHttpClient(brokerOptions(), new PoolOptions()
          .setHttp1MaxSize(config.connections()).setHttp2MaxSize(GRPC_CONNECTIONS));

      boolean measured = config.capacityQps().isEmpty();
      double capacity = measured ? measureCapacity(context, zoo) : config.capacityQps().getAsDouble();
      OpenLoopRunner runner = new OpenLoopRunner(context, clock, config.budget(), config.warmup(),
          config.duration(), config.drain(), config.seed());
      List<LoadSummary> rows = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (TargetKind kind : config.targets()) {
        Target target = target(kind, vertx, context, scheduler, zoo, brokerHttp);
        Optional<String> unavailable = kind.viaBroker() ? preflight(context, target) : Optional.empty();
        if (unavailable.isPresent()) {
          skipped.add(kind.id() + ": " + unavailable.get());
          log.println("bench: skipping " + kind.id() + " — " + unavailable.get());
          continue;
        }
        for (double load : config.loadsFor(kind)) {
          if (!settler.awaitSettled(SETTLE_LIMIT, queries.get(0).text())) {
            log.println("bench: the model server is still slow after " + SETTLE_LIMIT.toSeconds() + " s; going on");
          }
          double rate = capacity * load;
          log.printf(Locale.ROOT, "bench: %s at %s× capacity (%.0f QPS) for %d s + %d s warm-up%n",
              kind.id(), MarkdownReport.trim(load), rate, config.duration().toSeconds(), config.warmup().toSeconds());
          LoadSummary row = runner.run(target, queries, load, rate);
          log.printf(Locale.ROOT, "bench:   p50 %s ms, p99 %s ms, within budget %s, EMPTY %s, send lag p99 %s ms%n",
              MarkdownReport.ms(row.p50Ms()), MarkdownReport.ms(row.p99Ms()),
              MarkdownReport.pct(row.withinBudget()), MarkdownReport.pct(row.emptyShare()),
              MarkdownReport.ms(row.sendLagP99Ms()));
          rows.add(row);
        }
      }
      return new BenchReport(capacity, measured, config.budget().toMillis(),
          config.duration().toMillis() / 1000.0, config.warmup().toMillis() / 1000.0, config.seed(),
          queries.size(), rows, BrokerOverhead.from(rows), skipped);
    } finally {
      scheduler.shutdownNow();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private double measureCapacity(Context context, KServeModelClient zoo) throws Exception {
    log.printf("bench: measuring the embedding model's capacity (%d in flight, %d s) ...%n",
        config.capacityConcurrency(), config.capacityDuration().toSeconds());
    CapacityProbe.Result result = new CapacityProbe(context, clock, zoo).measure("embedding", queries,
        config.capacityConcurrency(), java.time.Duration.ofSeconds(1), config.capacityDuration());
    log.printf(Locale.ROOT, "bench: capacity %.0f QPS (%d answers, %d errors)%n",
        result.qps(), result.answers(), result.errors());
    if (result.answers() == 0) {
      throw new IllegalStateException("the model server at " + config.zooHost() + ":" + config.zooGrpcPort()
          + " answered nothing; is it running (./tbms models)?");
    }
    return result.qps();
  }

  private Target target(TargetKind kind, Vertx vertx, Context context, ScheduledExecutorService scheduler,
      KServeModelClient zoo, HttpClient brokerHttp) {
    long budgetMillis = config.budget().toMillis();
    return switch (kind) {
      case BROKER -> broker(kind, brokerHttp, Chains.FULL);
      case BROKER_SVM_ONLY -> broker(kind, brokerHttp, Chains.SVM_ONLY);
      case EMBEDDING_ONLY -> new DirectModelTarget(kind.id(), "embedding", zoo, vertx, budgetMillis);
      case DIRECT_SVM -> new DirectModelTarget(kind.id(), "svm", zoo, vertx, budgetMillis);
      case STATIC_FALLBACK -> new StaticFallbackTarget(kind.id(),
          new StaticFallbackPlan(Chains.FULL, config.budget().toNanos()), zoo, context, scheduler, clock);
      case FIRE_ALL -> new FireAllTarget(kind.id(), Chains.FULL, zoo, vertx, clock, budgetMillis);
    };
  }

  private BrokerTarget broker(TargetKind kind, HttpClient http, List<ChainEntry> chain) {
    return new BrokerTarget(kind.id(), http, config.broker().getHost(), config.brokerPort(), chain,
        config.budget().toMillis(), config.credentials(), clock, REQUEST_TIMEOUT_MILLIS);
  }

  private HttpClientOptions brokerOptions() {
    HttpClientOptions options = new HttpClientOptions().setKeepAlive(true);
    return config.http2()
        ? options.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
        : options.setProtocolVersion(HttpVersion.HTTP_1_1);
  }

  /** One query before the run: a reason to skip the target when the broker cannot answer it. */
  private Optional<String> preflight(Context context, Target target) throws Exception {
    java.util.concurrent.CompletableFuture<QueryOutcome> probe = new java.util.concurrent.CompletableFuture<>();
    context.runOnContext(v -> target.send(queries.get(0).text()).onComplete(ar -> probe.complete(ar.result())));
    QueryOutcome outcome = probe.get(REQUEST_TIMEOUT_MILLIS + 5_000, TimeUnit.MILLISECONDS);
    return outcome.kind() == QueryOutcome.Kind.ERROR
        ? Optional.of("the broker at " + config.broker() + " did not answer a query (" + outcome.detail() + ")")
        : Optional.empty();
  }
}
