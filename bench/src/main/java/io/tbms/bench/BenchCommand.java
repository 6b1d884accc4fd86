package io.tbms.bench;

import io.tbms.bench.tuner.TunerBenchCommand;
import io.tbms.zoo.data.Clinc150Loader;
import io.tbms.zoo.data.Dataset;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tbms bench}: open-loop load against the broker and three baselines on the reference model
 * server, over a grid of loads (multiples of the embedding model's measured capacity) and budgets,
 * with a capacity oracle per cell and a summary against the acceptance lines of issue 15; prints
 * Markdown tables and writes the same rows as JSON. See {@link BenchRun} for what runs where. Its subcommand
 * {@code tbms bench tuner} ({@link TunerBenchCommand}) needs no servers.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Open-loop benchmark over a grid: Poisson arrivals at each load (x the embedding model's capacity)",
      "and each budget, latency from each query's intended send time, against the broker (POST /v1/try)",
      "and three baselines that call the model server directly: embedding-only, static-fallback, fire-all;",
      "plus a computed capacity-oracle row per cell and a pass/fail summary per cell.",
      "The default grid (6 loads x 4 budgets x 4 targets, 5 s + 2 s warm-up a row) takes about 15-20 min.",
      "Prints Markdown tables and writes JSON.",
      "'bench tuner' instead holds the config tuner against exhaustive search, offline."
    },
    subcommands = TunerBenchCommand.class)
public final class BenchCommand implements Callable<Integer> {

  @Option(names = "--broker", paramLabel = "URL", description = "The broker's base URL (default: ${DEFAULT-VALUE}).")
  URI broker = URI.create("http://127.0.0.1:8080");

  @Option(names = "--zoo-grpc", paramLabel = "HOST:PORT",
      description = "The model server's KServe v2 gRPC address (default: ${DEFAULT-VALUE}).")
  String zooGrpc = "127.0.0.1:8001";

  @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
      description = "Measured time per row (target, load, budget), e.g. 5s, 500ms (default: 5s).")
  Duration duration = BenchConfig.DEFAULT_DURATION;

  @Option(names = "--warmup", paramLabel = "TIME", converter = DurationConverter.class,
      description = "Unmeasured time before each row's measurement (default: 2s).")
  Duration warmup = BenchConfig.DEFAULT_WARMUP;

  @Option(names = "--loads", split = ",", paramLabel = "X",
      description = "The grid's loads as multiples of the capacity (default: 0.25,0.5,1,2,4,8).")
  List<Double> loads = BenchConfig.DEFAULT_LOADS;

  @Option(names = "--targets", split = ",", paramLabel = "NAME",
      description = "What to drive (default: all): broker, embedding-only, static-fallback, fire-all, "
          + "direct-svm, broker-svm-only.")
  List<String> targets = List.of(TargetKind.values()).stream().map(TargetKind::id).toList();

  @Option(names = "--capacity", paramLabel = "QPS",
      description = "The embedding model's capacity; skips measuring it.")
  Double capacity;

  @Option(names = "--capacity-concurrency", paramLabel = "N",
      description = "Calls in flight while measuring capacity (default: ${DEFAULT-VALUE}).")
  int capacityConcurrency = BenchConfig.DEFAULT_CAPACITY_CONCURRENCY;

  @Option(names = "--capacity-duration", paramLabel = "TIME", converter = DurationConverter.class,
      description = "How long to measure capacity, after 1 s of warm-up (default: 5s).")
  Duration capacityDuration = BenchConfig.DEFAULT_CAPACITY_DURATION;

  @Option(names = "--overhead-load", paramLabel = "X",
      description = "The load of the direct-svm / broker-svm-only pair (default: ${DEFAULT-VALUE}).")
  double overheadLoad = BenchConfig.DEFAULT_OVERHEAD_LOAD;

  @Option(names = {"--budgets", "--budget-ms"}, split = ",", paramLabel = "MS",
      description = "The grid's query budgets in ms (default: 20,40,50,100).")
  List<Long> budgets = BenchConfig.DEFAULT_BUDGETS_MS;

  @Option(names = "--overhead-budget-ms", paramLabel = "MS",
      description = "The budget of the direct-svm / broker-svm-only pair (default: ${DEFAULT-VALUE}).")
  long overheadBudgetMs = BenchConfig.DEFAULT_OVERHEAD_BUDGET_MS;

  @Option(names = "--oracle-queries", paramLabel = "N",
      description = "Test utterances each model labels for the capacity oracle, the first N of the shuffled "
          + "set (default: all of the test split); 0 skips the oracle.")
  Integer oracleQueries;

  @Option(names = "--wait-ready", paramLabel = "TIME", converter = DurationConverter.class,
      description = "Wait up to TIME for the broker's /readyz, then start the first row at once (no settling, "
          + "no preflight query): the cold-start row of bench/scripts/cold-start.sh.")
  Duration waitReady;

  @Option(names = "--seed", description = "Seeds arrivals and query order (default: ${DEFAULT-VALUE}).")
  long seed = BenchConfig.DEFAULT_SEED;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write the JSON (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("bench-results.json");

  @Option(names = "--access-id", description = "Access id for broker requests (default: ${DEFAULT-VALUE}).")
  String accessId = Credentials.DEMO.accessId();

  @Option(names = "--access-key", description = "Access key that signs broker requests (default: the demo key).")
  String accessKey = Credentials.DEMO.accessKey();

  @Option(names = "--http2", description = "Talk HTTP/2 (cleartext) to the broker instead of HTTP/1.1.")
  boolean http2;

  @Option(names = "--connections", paramLabel = "N",
      description = "Most HTTP/1.1 connections to the broker (default: ${DEFAULT-VALUE}).")
  int connections = BenchConfig.DEFAULT_CONNECTIONS;

  @Option(names = "--cancel-late-calls", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Baselines cancel (reset the gRPC stream of) a model call they gave up on, as the broker "
          + "does (default: ${DEFAULT-VALUE}; --no-cancel-late-calls leaves them running).")
  boolean cancelLateCalls = true;

  @Option(names = "--data", paramLabel = "PATH",
      description = "CLINC150 data_full.json or its directory (default: TBMS_DATA_DIR if set, else the copy bundled from the repository's data/clinc150/).")
  Path data;

  /** Held so the level sticks: JUL keeps loggers weakly. */
  private static final java.util.logging.Logger NETTY_LOG = java.util.logging.Logger.getLogger("io.netty");

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    // Netty logs every frame that arrives for a stream the bench cancelled at its deadline.
    NETTY_LOG.setLevel(java.util.logging.Level.WARNING);
    BenchConfig config;
    Dataset dataset;
    try {
      config = config();
      dataset = Clinc150Loader.loadOrDefault(data);
    } catch (RuntimeException e) {
      System.err.println("bench: " + e.getMessage());
      return 2;
    }
    System.err.println("bench: dataset " + dataset);
    BenchReport report;
    try {
      report = new BenchRun(config, new QuerySet(dataset.test(), config.seed()), System.err).execute();
    } catch (IllegalStateException e) {
      System.err.println("bench: " + e.getMessage());
      return 1;
    }
    System.out.print(MarkdownReport.render(report));
    report.writeJson(config.out());
    System.err.println("bench: wrote " + config.out().toAbsolutePath());
    return 0;
  }

  BenchConfig config() {
    int colon = zooGrpc.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--zoo-grpc must be HOST:PORT, was '" + zooGrpc + "'");
    }
    int port;
    try {
      port = Integer.parseInt(zooGrpc.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--zoo-grpc must be HOST:PORT, was '" + zooGrpc + "'");
    }
    return new BenchConfig(broker, zooGrpc.substring(0, colon), port, budgets, duration,
        warmup, BenchConfig.DEFAULT_DRAIN, loads, targets.stream().map(TargetKind::parse).toList(),
        capacity == null ? OptionalDouble.empty() : OptionalDouble.of(capacity), capacityConcurrency,
        capacityDuration, overheadLoad, overheadBudgetMs,
        oracleQueries == null ? OptionalInt.empty() : OptionalInt.of(oracleQueries), Optional.ofNullable(waitReady),
        seed, new Credentials(accessId, accessKey), out, http2, connections, cancelLateCalls);
  }
}
