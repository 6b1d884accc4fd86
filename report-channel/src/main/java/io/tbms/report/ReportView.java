package io.tbms.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * Renders the report ({@code GET /api/report}) from the counts of every broker of the cluster:
 * adds their buckets up and turns counts into shares and rates. Pure: it reads only its arguments.
 *
 * <ul>
 *   <li>{@code downgrade}: per task, over the window, the share of queries answered by each chain
 *       rank and each model, the EMPTY share, and the downgraded share (answered, not by rank 0).
 *       Each row names its {@code instance}; a task name that two instances use is shown as
 *       {@code instance/task} for each, so tenants' rows never mix;
 *   <li>{@code lag}: per model, the window's average, p50/p99 of the recent buckets, and a series
 *       of per-bucket averages and p99s;
 *   <li>{@code traffic}: per model over the rate buckets, {@code wanted_per_s} (chain entries that
 *       wanted it, called or not: its demand, what the tuner sizes batches for) and {@code
 *       answered_per_s};
 *   <li>{@code queries_per_s}, {@code shed_per_s}: over the rate buckets, the current one included;
 *   <li>{@code circuits}: per replica, the worst state any live broker reports.
 * </ul>
 *
 * <p>{@link #renderFor} is one instance's own report ({@code GET /v1/report}): its tasks only, and
 * lag, circuits and batch config of the models it may use; no traffic, occupancy or tuner log,
 * which would show other tenants' load.
 */
public final class ReportView {

  /** A broker whose last report is older than this is no longer counted as live. */
  public static final long LIVE_MILLIS = 10_000;

  private ReportView() {}

  /**
   * The operator's report: every instance's rows.
   *
   * @param reports the brokers' latest reports (one per broker)
   * @param nowWallMillis the time the report is for
   * @param occupancy the resource manager's devices and advice, as {@code {"devices": [...], "advice": [...]}}
   * @param batchConfig per model, its live batch settings
   */
  public static JsonObject render(Collection<BrokerReport> reports, long nowWallMillis, ReportConfig config,
      JsonObject occupancy, JsonObject batchConfig) {
    Sums sums = Sums.of(reports, nowWallMillis, config, key -> true, model -> true);
    Map<String, Long> instancesPerTask = new HashMap<>();
    sums.tasks.keySet().forEach(key -> instancesPerTask.merge(key.task(), 1L, Long::sum));
    JsonObject downgrade = new JsonObject();
    sums.tasks.forEach((key, sum) -> downgrade.put(
        instancesPerTask.get(key.task()) > 1 ? key.instance() + "/" + key.task() : key.task(),
        sum.toJson().put("instance", key.instance())));
    JsonObject trafficJson = new JsonObject();
    sums.traffic.forEach((model, counts) -> trafficJson.put(model, new JsonObject()
        .put("wanted_per_s", round(counts[0] / sums.rateSeconds))
        .put("answered_per_s", round(counts[1] / sums.rateSeconds))));
    return sums.head(nowWallMillis, config)
        .put("downgrade", downgrade)
        .put("lag", sums.lagJson(config.bucketMillis()))
        .put("traffic", trafficJson)
        .put("occupancy", occupancy)
        .put("circuits", sums.circuitJson())
        .put("batch_config", batchConfig);
  }

  /**
   * One instance's own report: its tasks' rows, and only the models it may use.
   *
   * @param instance the caller's instance
   * @param models the models the instance may use
   * @param batchConfig per model, its live batch settings (other models are left out)
   */
  public static JsonObject renderFor(String instance, Set<String> models, Collection<BrokerReport> reports,
      long nowWallMillis, ReportConfig config, JsonObject batchConfig) {
    Sums sums = Sums.of(reports, nowWallMillis, config, key -> key.instance().equals(instance), models::contains);
    JsonObject downgrade = new JsonObject();
    sums.tasks.forEach((key, sum) -> downgrade.put(key.task(), sum.toJson()));
    JsonObject ownBatchConfig = new JsonObject();
    batchConfig.forEach(e -> {
      if (models.contains(e.getKey())) {
        ownBatchConfig.put(e.getKey(), e.getValue());
      }
    });
    return sums.head(nowWallMillis, config)
        .put("instance", instance)
        .put("downgrade", downgrade)
        .put("lag", sums.lagJson(config.bucketMillis()))
        .put("circuits", sums.circuitJson())
        .put("batch_config", ownBatchConfig);
  }

  /** The brokers' buckets added up, for the tasks and models a report shows. */
  private static final class Sums {
    final Map<TaskKey, TaskSum> tasks = new TreeMap<>();
    final Map<String, LagSum> lag = new TreeMap<>();
    final Map<String, long[]> traffic = new TreeMap<>(); // per model over the rate buckets: {wanted, answered}
    final Map<String, Map<String, String>> circuits = new TreeMap<>();
    long rateQueries;
    long rateShed;
    int live;
    double rateSeconds;

    static Sums of(Collection<BrokerReport> reports, long nowWallMillis, ReportConfig config,
        Predicate<TaskKey> showTask, Predicate<String> showModel) {
      long bucketMillis = config.bucketMillis();
      long nowIndex = nowWallMillis / bucketMillis;
      long oldest = nowIndex - config.buckets() + 1;
      long recentFrom = nowIndex - config.recentBuckets() + 1;
      long rateFrom = nowIndex - config.rateBuckets() + 1;
      Sums sums = new Sums();
      for (BrokerReport report : reports) {
        if (report.atWallMillis() >= nowWallMillis - LIVE_MILLIS) {
          sums.live++;
          report.circuits().forEach((model, replicas) -> {
            if (showModel.test(model)) {
              replicas.forEach((replica, state) ->
                  sums.circuits.computeIfAbsent(model, m -> new TreeMap<>()).merge(replica, state, ReportView::worse));
            }
          });
        }
        for (BucketCounts bucket : report.buckets()) {
          if (bucket.index() < oldest || bucket.index() > nowIndex) {
            continue;
          }
          boolean inRate = bucket.index() >= rateFrom;
          for (Map.Entry<TaskKey, BucketCounts.TaskCounts> e : bucket.tasks().entrySet()) {
            if (!showTask.test(e.getKey())) {
              continue;
            }
            sums.tasks.computeIfAbsent(e.getKey(), t -> new TaskSum()).add(e.getValue());
            if (inRate) {
              sums.rateQueries += e.getValue().queries();
              sums.rateShed += e.getValue().shed();
            }
          }
          for (Map.Entry<String, BucketCounts.LagCounts> e : bucket.lag().entrySet()) {
            if (!showModel.test(e.getKey())) {
              continue;
            }
            sums.lag.computeIfAbsent(e.getKey(), m -> new LagSum()).add(bucket.index(), e.getValue(), bucket.index() >= recentFrom);
            if (inRate) {
              sums.traffic.computeIfAbsent(e.getKey(), m -> new long[2])[1] += e.getValue().count();
            }
          }
          if (inRate) {
            bucket.wanted().forEach((model, count) -> {
              if (showModel.test(model)) {
                sums.traffic.computeIfAbsent(model, m -> new long[2])[0] += count;
              }
            });
          }
        }
      }
      sums.rateSeconds = Math.max(1, nowWallMillis - rateFrom * bucketMillis) / 1000.0;
      return sums;
    }

    JsonObject head(long nowWallMillis, ReportConfig config) {
      long queries = tasks.values().stream().mapToLong(t -> t.queries).sum();
      long empty = tasks.values().stream().mapToLong(t -> t.empty).sum();
      return new JsonObject()
          .put("generated_at_ms", nowWallMillis)
          .put("window_s", config.window().toSeconds())
          .put("bucket_s", config.bucketMillis() / 1000.0)
          .put("brokers", live)
          .put("queries_per_s", round(rateQueries / rateSeconds))
          .put("empty_rate", share(empty, queries))
          .put("shed_per_s", round(rateShed / rateSeconds));
    }

    JsonObject lagJson(long bucketMillis) {
      JsonObject json = new JsonObject();
      lag.forEach((model, sum) -> json.put(model, sum.toJson(bucketMillis)));
      return json;
    }

    JsonObject circuitJson() {
      JsonObject json = new JsonObject();
      circuits.forEach((model, replicas) -> json.put(model, new JsonObject(new HashMap<>(replicas))));
      return json;
    }
  }

  /** The state to show when brokers disagree: OPEN over HALF_OPEN over anything else. */
  static String worse(String a, String b) {
    return severity(b) > severity(a) ? b : a;
  }

  private static int severity(String state) {
    return switch (state) {
      case "OPEN", "FORCED_OPEN" -> 3;
      case "HALF_OPEN" -> 2;
      case "CLOSED" -> 0;
      default -> 1;
    };
  }

  static double share(long part, long whole) {
    return whole == 0 ? 0 : round((double) part / whole);
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static double millis(double micros) {
    return Math.round(micros) / 1000.0;
  }

  private static final class TaskSum {
    long queries;
    long empty;
    long shed;
    long skipped;
    final Map<Integer, Long> ranks = new TreeMap<>();
    final Map<String, Long> models = new TreeMap<>();

    void add(BucketCounts.TaskCounts counts) {
      queries += counts.queries();
      empty += counts.empty();
      shed += counts.shed();
      skipped += counts.skipped();
      counts.ranks().forEach((rank, n) -> ranks.merge(rank, n, Long::sum));
      counts.models().forEach((model, n) -> models.merge(model, n, Long::sum));
    }

    JsonObject toJson() {
      JsonObject rankShares = new JsonObject();
      ranks.forEach((rank, n) -> rankShares.put(Integer.toString(rank), share(n, queries)));
      JsonObject modelShares = new JsonObject();
      models.forEach((model, n) -> modelShares.put(model, share(n, queries)));
      long answered = queries - empty;
      return new JsonObject()
          .put("queries", queries)
          .put("downgraded", share(answered - ranks.getOrDefault(0, 0L), queries))
          .put("empty", share(empty, queries))
          .put("ranks", rankShares)
          .put("models", modelShares)
          .put("shed", shed)
          .put("skipped", skipped);
    }
  }

  private static final class LagSum {
    long count;
    long sumMicros;
    final Histogram recent = LagHistograms.create();
    final Map<Long, Histogram> perBucket = new TreeMap<>();
    final Map<Long, long[]> perBucketSums = new TreeMap<>();

    void add(long index, BucketCounts.LagCounts counts, boolean isRecent) {
      count += counts.count();
      sumMicros += counts.sumMicros();
      Histogram bucket = perBucket.computeIfAbsent(index, i -> LagHistograms.create());
      LagHistograms.addEncoded(bucket, counts.histogram());
      long[] sums = perBucketSums.computeIfAbsent(index, i -> new long[2]);
      sums[0] += counts.count();
      sums[1] += counts.sumMicros();
      if (isRecent) {
        LagHistograms.addEncoded(recent, counts.histogram());
      }
    }

    JsonObject toJson(long bucketMillis) {
      JsonArray series = new JsonArray();
      perBucket.forEach((index, histogram) -> {
        long[] sums = perBucketSums.get(index);
        if (sums[0] > 0) {
          series.add(new JsonObject()
              .put("t_ms", index * bucketMillis)
              .put("avg_ms", millis((double) sums[1] / sums[0]))
              .put("p99_ms", millis(histogram.getValueAtPercentile(99)))
              .put("samples", sums[0]));
        }
      });
      JsonObject json = new JsonObject().put("avg_ms", count == 0 ? null : millis((double) sumMicros / count));
      boolean anyRecent = recent.getTotalCount() > 0;
      return json
          .put("p50_ms", anyRecent ? millis(recent.getValueAtPercentile(50)) : null)
          .put("p99_ms", anyRecent ? millis(recent.getValueAtPercentile(99)) : null)
          .put("samples", count)
          .put("recent_samples", recent.getTotalCount())
          .put("series", series);
    }
  }
}
