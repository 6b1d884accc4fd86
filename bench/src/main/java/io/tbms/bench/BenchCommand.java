package io.tbms.bench;

import io.tbms.bench.tuner.TunerBenchCommand;
import io.tbms.zoo.data.Clinc150Loader;
import io.tbms.zoo.data.Dataset;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tbms bench}: open-loop load against the broker and three baselines on the reference model
 * server, at multiples of the embedding model's measured capacity; prints a Markdown table and
 * writes the same rows as JSON. See {@link BenchRun} for what runs where. Its subcommand
 * {@code tbms bench tuner} ({@link TunerBenchCommand}) needs no servers.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Open-loop benchmark: Poisson arrivals at 0.5x, 1x, 2x, 4x the embedding model's capacity,",
      "latency from each query's intended send time, against the broker (POST /v1/try) and three",
      "baselines that call the model server directly: embedding-only, static-fallback, fire-all.",
      "Prints a Markdown table and writes JSON.",
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
      description = "Measured time per target and load, e.g. 20s, 500ms (default: 20s).")
  Duration duration = BenchConfig.DEFAULT_DURATION;

  @Option(names = "--warmup", paramLabel = "TIME", converter = DurationConverter.class,
      description = "Unmeasured time before each measurement (default: 3s).")
  Duration warmup = BenchConfig.DEFAULT_WARMUP;

  @Option(names = "--loads", split = ",", paramLabel = "X",
      description = "Loads as multiples of the capacity (default: 0.5,1,2,4).")
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

  @Option(names = "--budget-ms", paramLabel = "MS", description = "The query budget (default: ${DEFAULT-VALUE}).")
  long budgetMs = BenchConfig.DEFAULT_BUDGET.toMillis();

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
    return new BenchConfig(broker, zooGrpc.substring(0, colon), port, Duration.ofMillis(budgetMs), duration,
        warmup, BenchConfig.DEFAULT_DRAIN, loads, targets.stream().map(TargetKind::parse).toList(),
        capacity == null ? OptionalDouble.empty() : OptionalDouble.of(capacity), capacityConcurrency,
        capacityDuration, overheadLoad, seed, new Credentials(accessId, accessKey), out, http2, connections,
        cancelLateCalls);
  }
}
