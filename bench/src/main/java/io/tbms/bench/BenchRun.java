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
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One bench run end to end: measure (or take) the embedding model's capacity, profile the chain's
 * models for the capacity oracle, then drive each target in each (load, budget) cell of the grid
 * ({@link BenchGrid}), settling the model server between rows, and compute the oracle and the
 * acceptance summary. The client side is one Vert.x event loop (the bench
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
  private final long startNanos = clock.nanoTime();

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
          Chains.FULL.stream().map(ChainEntry::name).toList(), java.time.Duration.ofMillis(config.maxBudgetMs()));
      HttpClient brokerHttp = vertx.createHttpClient(brokerOptions(), new PoolOptions()
          .setHttp1MaxSize(config.connections()).setHttp2MaxSize(GRPC_CONNECTIONS));

      boolean measured = config.capacityQps().isEmpty();
      double capacity = measured ? measureCapacity(context, zoo) : config.capacityQps().getAsDouble();
      List<ModelProfile> profiles = profile(context, zoo, settler);
      OpenLoopRunner runner = new OpenLoopRunner(context, clock, config.warmup(), config.duration(), config.drain(),
          config.seed());
      boolean coldStart = config.waitReady().isPresent();
      if (coldStart) {
        awaitReady(brokerHttp);
      }
      List<LoadSummary> rows = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      Set<TargetKind> checked = EnumSet.noneOf(TargetKind.class);
      Set<TargetKind> unavailable = EnumSet.noneOf(TargetKind.class);
      boolean first = true;
      for (BenchGrid.PlannedRow planned : config.plan()) {
        TargetKind kind = planned.target();
        BenchGrid.Cell cell = planned.cell();
        if (unavailable.contains(kind)) {
          continue;
        }
        Target target = target(kind, cell.budgetMs(), vertx, context, scheduler, zoo, brokerHttp);
        if (kind.viaBroker() && !coldStart && checked.add(kind)) {
          Optional<String> why = preflight(context, target);
          if (why.isPresent()) {
            unavailable.add(kind);
            skipped.add(kind.id() + ": " + why.get());
            log.println("bench: skipping " + kind.id() + " — " + why.get());
            continue;
          }
        }
        if (!(coldStart && first) && !settler.awaitSettled(SETTLE_LIMIT, queries.get(0).text())) {
          log.println("bench: the model server is still slow after " + SETTLE_LIMIT.toSeconds() + " s; going on");
        }
        first = false;
        double rate = capacity * cell.loadFactor();
        log.printf(Locale.ROOT, "bench: [%s] %s at %s× capacity (%.0f QPS), budget %d ms, for %s s + %s s warm-up%n",
            elapsed(), kind.id(), MarkdownReport.trim(cell.loadFactor()), rate, cell.budgetMs(),
            MarkdownReport.trim(config.duration().toMillis() / 1000.0),
            MarkdownReport.trim(config.warmup().toMillis() / 1000.0));
        LoadSummary row = runner.run(target, queries, cell, rate);
        log.printf(Locale.ROOT, "bench:   p50 %s ms, p99 %s ms, within budget %s, EMPTY %s, accuracy %s, "
                + "send lag p99 %s ms%n",
            MarkdownReport.ms(row.p50Ms()), MarkdownReport.ms(row.p99Ms()), MarkdownReport.pct(row.withinBudget()),
            MarkdownReport.pct(row.emptyShare()), MarkdownReport.pct(row.accuracy()),
            MarkdownReport.ms(row.sendLagP99Ms()));
        rows.add(row);
      }
      List<OracleRow> oracle = CapacityOracle.rows(BenchGrid.cells(config.loads(), config.budgetsMs()), profiles,
          capacity, config.seed(), config.warmup(), config.duration(), queries.size());
      log.printf("bench: [%s] done%n", elapsed());
      return new BenchReport(capacity, measured, config.budgetsMs(), config.duration().toMillis() / 1000.0,
          config.warmup().toMillis() / 1000.0, config.seed(), queries.size(),
          profiles.stream().map(ModelProfile::quality).toList(), rows, oracle, Acceptance.summary(rows, oracle),
          BrokerOverhead.from(rows), skipped);
    } finally {
      scheduler.shutdownNow();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** Profiles the chain's models for the oracle on a settled server; none with {@code --oracle-queries 0}. */
  private List<ModelProfile> profile(Context context, KServeModelClient zoo, ServerSettler settler) throws Exception {
    int count = Math.min(config.oracleQueries().orElse(queries.size()), queries.size());
    if (count == 0) {
      return List.of();
    }
    settler.awaitSettled(SETTLE_LIMIT, queries.get(0).text());
    log.printf("bench: [%s] profiling the chain's models for the oracle (idle p50, labels of %d utterances) ...%n",
        elapsed(), count);
    List<ModelProfile> profiles = new ModelProfiler(context, clock, zoo)
        .profileAll(Chains.FULL.stream().map(ChainEntry::name).toList(), queries, count);
    profiles.forEach(p -> log.printf(Locale.ROOT, "bench:   %s: idle p50 %s ms, accuracy %s%n", p.model(),
        MarkdownReport.ms(p.idleP50Ms()), MarkdownReport.pct(p.accuracy())));
    return profiles;
  }

  /** Time since the run began, e.g. {@code 4m05s}, for the log. */
  private String elapsed() {
    long seconds = (clock.nanoTime() - startNanos) / 1_000_000_000L;
    return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }

  private void awaitReady(HttpClient brokerHttp) throws Exception {
    java.time.Duration limit = config.waitReady().orElseThrow();
    log.printf("bench: waiting up to %d s for %s/readyz ...%n", limit.toSeconds(), config.broker());
    if (!new BrokerReadiness(brokerHttp, config.broker().getHost(), config.brokerPort(), clock).await(limit)) {
      throw new IllegalStateException("the broker at " + config.broker() + " was not ready within " + limit.toSeconds()
          + " s");
    }
    log.println("bench: the broker is ready; starting at once");
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

  private Target target(TargetKind kind, long budgetMillis, Vertx vertx, Context context,
      ScheduledExecutorService scheduler, KServeModelClient zoo, HttpClient brokerHttp) {
    return switch (kind) {
      case BROKER -> broker(kind, brokerHttp, Chains.FULL, budgetMillis);
      case BROKER_SVM_ONLY -> broker(kind, brokerHttp, Chains.SVM_ONLY, budgetMillis);
      case EMBEDDING_ONLY -> new DirectModelTarget(kind.id(), "embedding", zoo, vertx, budgetMillis);
      case DIRECT_SVM -> new DirectModelTarget(kind.id(), "svm", zoo, vertx, budgetMillis);
      case STATIC_FALLBACK -> new StaticFallbackTarget(kind.id(),
          new StaticFallbackPlan(Chains.FULL, budgetMillis * 1_000_000L), zoo, context, scheduler, clock);
      case FIRE_ALL -> new FireAllTarget(kind.id(), Chains.FULL, zoo, vertx, clock, budgetMillis);
    };
  }

  private BrokerTarget broker(TargetKind kind, HttpClient http, List<ChainEntry> chain, long budgetMillis) {
    return new BrokerTarget(kind.id(), http, config.broker().getHost(), config.brokerPort(), chain,
        budgetMillis, config.credentials(), clock, REQUEST_TIMEOUT_MILLIS);
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
