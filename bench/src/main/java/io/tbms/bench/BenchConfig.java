package io.tbms.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Everything one bench run needs; immutable and validated (a bad value is refused with a message
 * naming the field).
 *
 * @param broker the broker's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param zooHost the model server's gRPC host
 * @param zooGrpcPort the model server's gRPC port
 * @param budgetsMs the grid's query budgets in milliseconds: the broker's {@code budget_ms}, the
 *     baselines' deadline
 * @param duration the measured part of each run
 * @param warmup the unmeasured start of each run
 * @param drain how long to wait for outstanding queries after a run's last send
 * @param loads the grid's offered rates as multiples of the capacity
 * @param targets what to drive, in order
 * @param capacityQps the embedding model's capacity; empty: measure it first
 * @param capacityConcurrency callers in flight while measuring capacity
 * @param capacityDuration how long the capacity probe measures (after a 1 s warm-up)
 * @param overheadLoad the load (multiple of capacity) of the broker-overhead pair
 * @param overheadBudgetMs the budget of the broker-overhead pair, in milliseconds
 * @param oracleQueries how many test utterances (the first of the shuffled query set) each model
 *     labels for the capacity oracle; empty: all of them; 0: no oracle (models not profiled)
 * @param waitReady when present, wait up to this long for the broker's {@code /readyz} and start
 *     the first row the moment it is ready (no settling, no preflight query): the cold-start row
 * @param seed seeds the arrival schedule and the query order
 * @param credentials signs broker requests
 * @param out where the JSON report goes
 * @param http2 speak HTTP/2 (cleartext, prior knowledge) to the broker instead of HTTP/1.1
 * @param connections the most HTTP/1.1 connections to the broker
 * @param cancelLateCalls reset the gRPC stream of a model call the baselines gave up on, as the
 *     broker does (on by default; servers built on Netty may close connections that reset too many
 *     streams)
 */
record BenchConfig(
    URI broker,
    String zooHost,
    int zooGrpcPort,
    List<Long> budgetsMs,
    Duration duration,
    Duration warmup,
    Duration drain,
    List<Double> loads,
    List<TargetKind> targets,
    OptionalDouble capacityQps,
    int capacityConcurrency,
    Duration capacityDuration,
    double overheadLoad,
    long overheadBudgetMs,
    OptionalInt oracleQueries,
    Optional<Duration> waitReady,
    long seed,
    Credentials credentials,
    Path out,
    boolean http2,
    int connections,
    boolean cancelLateCalls) {

  static final List<Long> DEFAULT_BUDGETS_MS = List.of(20L, 40L, 50L, 100L);
  static final long DEFAULT_OVERHEAD_BUDGET_MS = 50;
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(5);
  static final Duration DEFAULT_WARMUP = Duration.ofSeconds(2);
  static final Duration DEFAULT_DRAIN = Duration.ofSeconds(5);
  static final List<Double> DEFAULT_LOADS = List.of(0.25, 0.5, 1.0, 2.0, 4.0, 8.0);
  static final int DEFAULT_CAPACITY_CONCURRENCY = 128;
  static final Duration DEFAULT_CAPACITY_DURATION = Duration.ofSeconds(5);
  static final double DEFAULT_OVERHEAD_LOAD = 0.5;
  static final long DEFAULT_SEED = 150;
  static final int DEFAULT_CONNECTIONS = 256;

  BenchConfig {
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(zooHost, "zooHost");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(capacityQps, "capacityQps");
    Objects.requireNonNull(loads, "loads");
    Objects.requireNonNull(budgetsMs, "budgetsMs");
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(oracleQueries, "oracleQueries");
    Objects.requireNonNull(waitReady, "waitReady");
    if (!"http".equals(broker.getScheme()) || broker.getHost() == null) {
      throw new IllegalArgumentException("broker must be an http://host:port URL, was " + broker);
    }
    if (zooGrpcPort < 1 || zooGrpcPort > 65535) {
      throw new IllegalArgumentException("zooGrpcPort must be in 1..65535, was " + zooGrpcPort);
    }
    positive("duration", duration);
    notNegative("warmup", warmup);
    notNegative("drain", drain);
    positive("capacityDuration", capacityDuration);
    loads = List.copyOf(loads);
    budgetsMs = List.copyOf(budgetsMs);
    targets = List.copyOf(targets);
    if (loads.isEmpty() || loads.stream().anyMatch(l -> !(l > 0) || l.isInfinite())) {
      throw new IllegalArgumentException("loads must be a non-empty list of numbers > 0, was " + loads);
    }
    if (loads.stream().distinct().count() != loads.size()) {
      throw new IllegalArgumentException("loads must not repeat, was " + loads);
    }
    if (budgetsMs.isEmpty() || budgetsMs.stream().anyMatch(b -> b < 1)) {
      throw new IllegalArgumentException("budgets must be a non-empty list of milliseconds >= 1, was " + budgetsMs);
    }
    if (budgetsMs.stream().distinct().count() != budgetsMs.size()) {
      throw new IllegalArgumentException("budgets must not repeat, was " + budgetsMs);
    }
    if (overheadBudgetMs < 1) {
      throw new IllegalArgumentException("overheadBudgetMs must be >= 1, was " + overheadBudgetMs);
    }
    if (oracleQueries.isPresent() && oracleQueries.getAsInt() < 0) {
      throw new IllegalArgumentException("oracleQueries must be >= 0, was " + oracleQueries.getAsInt());
    }
    waitReady.ifPresent(w -> positive("waitReady", w));
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets must not be empty");
    }
    if (capacityQps.isPresent() && !(capacityQps.getAsDouble() > 0)) {
      throw new IllegalArgumentException("capacityQps must be > 0, was " + capacityQps.getAsDouble());
    }
    if (capacityConcurrency < 1) {
      throw new IllegalArgumentException("capacityConcurrency must be >= 1, was " + capacityConcurrency);
    }
    if (!(overheadLoad > 0)) {
      throw new IllegalArgumentException("overheadLoad must be > 0, was " + overheadLoad);
    }
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be >= 1, was " + connections);
    }
  }

  /** The broker's port, 80 when the URL has none. */
  int brokerPort() {
    return broker.getPort() == -1 ? 80 : broker.getPort();
  }

  /** The rows of the run, in order: the grid's cells, then the overhead pair ({@link BenchGrid}). */
  List<BenchGrid.PlannedRow> plan() {
    return BenchGrid.rows(loads, budgetsMs, targets, new BenchGrid.Cell(overheadLoad, overheadBudgetMs));
  }

  /** The largest budget of the run, overhead pair included. */
  long maxBudgetMs() {
    return Math.max(overheadBudgetMs, budgetsMs.stream().mapToLong(Long::longValue).max().orElseThrow());
  }

  private static void positive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be > 0, was " + value);
    }
  }

  private static void notNegative(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must be >= 0, was " + value);
    }
  }
}
