package io.tbms.broker.metrics;

/**
 * Every metric the broker publishes. Dotted lowercase; Prometheus shows them with underscores
 * and unit suffixes (e.g. {@code tbms_broker_queries_total}, {@code tbms_broker_query_latency_seconds}).
 * Tags take a small fixed set of values: task names are bounded before they get here.
 */
public final class MetricNames {

  /** Terminal answers, tags {@code task}, {@code status} (ANSWERED / EMPTY). */
  public static final String QUERIES = "tbms.broker.queries";
  /** Answers by who gave them, tags {@code task}, {@code model}, {@code rank}. */
  public static final String ANSWERS = "tbms.broker.answers";
  /** Answers not from the chain's first entry, tag {@code task}. */
  public static final String DOWNGRADES = "tbms.broker.downgrades";
  /** Time from arrival to answer, tag {@code task}. */
  public static final String QUERY_LATENCY = "tbms.broker.query.latency";
  /** Chain entries not called, tags {@code model}, {@code reason} (SKIPPED_LAG, SKIPPED_CIRCUIT, SHED). */
  public static final String SKIPS = "tbms.broker.skips";
  /** Chain entries shed by the admission limit, tag {@code task}. */
  public static final String SHED = "tbms.broker.shed";
  /** Model calls by fate, tags {@code model}, {@code result} (ANSWERED, ERROR, LATE, CANCELLED). */
  public static final String CALLS = "tbms.broker.model.calls";
  /** Failed model calls by why, tags {@code model}, {@code reason} (BACKEND_ERROR, TRANSPORT, BULKHEAD_FULL, …). */
  public static final String CALL_ERRORS = "tbms.broker.model.errors";
  /** Latency of answered model calls as the broker saw them, tag {@code model}. */
  public static final String MODEL_LAG = "tbms.broker.model.lag";
  /** The lag quantile the downgrade policy uses now, tag {@code model}. */
  public static final String MODEL_LAG_QUANTILE = "tbms.broker.model.lag.quantile";
  /** Requests refused before running, tag {@code reason} (INVALID_ARGUMENT, UNAUTHENTICATED, …). */
  public static final String REFUSALS = "tbms.broker.refusals";
  /** The adaptive concurrency limit on model calls. */
  public static final String ADMISSION_LIMIT = "tbms.broker.admission.limit";
  /** Model calls in flight. */
  public static final String ADMISSION_INFLIGHT = "tbms.broker.admission.inflight";
  /** Whether a replica's circuit is open (1) or not (0), tags {@code model}, {@code replica}. */
  public static final String CIRCUIT_OPEN = "tbms.broker.circuit.open";

  private MetricNames() {}
}
