package io.tbms.dist;

import com.hazelcast.core.HazelcastInstance;
import io.tbms.broker.config.BrokerConfig;
import io.tbms.tuner.BatchProfile;
import io.tbms.tuner.Recommender;
import io.tbms.tuner.ProfilePoint;
import io.tbms.tuner.profile.BatchStat;
import io.tbms.tuner.profile.PassiveProfile;
import io.tbms.zoo.data.Clinc150Loader;
import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.data.DatasetException;
import io.tbms.zoo.data.LabeledText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tbms tune profile}: a model's batch-time profile read, at no extra load, from the
 * per-batch-size statistics its KServe v2 / Triton server already keeps ({@code ModelStatistics},
 * {@code batch_stats}); written in the profile file format {@code tune recommend} reads.
 */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = {
      "Read a model's batch times T(b) from its server's statistics (KServe v2 / Triton gRPC",
      "ModelStatistics, batch_stats: compute_infer time per batch size), at no extra load. Batch",
      "sizes the model has not run (at least --min-batches times) are left to the fit, unless",
      "--probe drives the live model at them first: of b = 1, 2, 4, ... up to its max_batch_size",
      "(and that size), each one missing gets --probe-requests requests of b CLINC150 test",
      "utterances, one at a time, with a progress bar; the server's statistics time them.",
      "Example: ./tbms tune profile --model embedding --out embedding.json",
      "         ./tbms tune recommend --profile embedding.json --qps 300"
    })
public final class TuneProfileCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, description = "The model to profile.")
  String model;

  @Option(names = "--server", paramLabel = "HOST:PORT",
      description = "The model's KServe v2 gRPC endpoint (default: ${DEFAULT-VALUE}).")
  String server = "127.0.0.1:8001";

  @Option(names = "--min-batches", paramLabel = "N",
      description = "Keep a batch size only after this many batches of it (default: ${DEFAULT-VALUE}).")
  int minBatches = PassiveProfile.DEFAULT_MIN_BATCHES;

  @Option(names = "--est-ms", paramLabel = "MS",
      description = "The model's estimate as callers send it, stored as the file's est_ms (recommend's default lag target).")
  Double estMillis;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the profile file here (default: print it).")
  Path out;

  @Option(names = "--json", description = "Print the profile file's JSON instead of a table.")
  boolean json;

  @Option(names = "--store",
      description = "Also store the profile in the brokers' cluster (map tbms.tuner.profiles), where tune apply and"
          + " tune watch find it without a file.")
  boolean store;

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Option(names = "--probe", description = "Drive the model at the batch sizes it has not run enough (adds load).")
  boolean probe;

  @Option(names = "--probe-requests", paramLabel = "N",
      description = "With --probe: requests per missing batch size (default: ${DEFAULT-VALUE}; at least --min-batches).")
  int probeRequests = 5;

  @Option(names = "--max-batch-size", paramLabel = "B",
      description = "With --probe: the largest batch size to probe (default: the model's max_batch_size).")
  Integer maxBatchSize;

  @Option(names = "--data", paramLabel = "PATH",
      description = "With --probe: CLINC150 data_full.json or its directory, whose test utterances are sent"
          + " (default: TBMS_DATA_DIR if set, else the copy bundled from the repository's data/clinc150/).")
  Path data;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int colon = server.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(server.substring(colon + 1));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      port = -1;
    }
    if (colon <= 0 || port < 1 || port > 65535) {
      err.println("tune profile: --server must be HOST:PORT, was '" + server + "'");
      return 2;
    }
    if (minBatches < 1) {
      err.println("tune profile: --min-batches must be >= 1, was " + minBatches);
      return 2;
    }
    if (probe && probeRequests < minBatches) {
      err.println("tune profile: --probe-requests must be >= --min-batches (" + minBatches + "), was " + probeRequests);
      return 2;
    }
    if (maxBatchSize != null && maxBatchSize < 1) {
      err.println("tune profile: --max-batch-size must be >= 1, was " + maxBatchSize);
      return 2;
    }
    String host = server.substring(0, colon);
    List<BatchStat> stats;
    try {
      stats = BatchStatistics.read(host, port, model);
      if (probe) {
        stats = probe(host, port, stats, err);
      }
    } catch (IllegalArgumentException | DatasetException e) {
      err.println("tune profile: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("tune profile: cannot " + (probe ? "probe" : "read") + " " + model + "'s statistics from " + server + ": "
          + Errors.rootMessage(e));
      return 1;
    }
    Optional<BatchProfile> profile = PassiveProfile.from(model, stats, minBatches);
    if (profile.isEmpty()) {
      err.println("tune profile: " + model + " has run no batch size " + minBatches + " times or more yet ("
          + stats.size() + " sizes seen); send it traffic first (./tbms demo sends some)");
      return 3;
    }
    JsonObject file = toJson(profile.get());
    if (store) {
      try {
        BrokerConfig config = cluster.brokerConfig();
        HazelcastInstance client = ClusterClient.connect(cluster.name(config.cluster()),
            ClusterOptions.addresses(config.cluster(), cluster.members), 5000);
        try {
          Quorum.require(client, cluster.minMembers(config.cluster()));
          new ProfileStore(client).put(file, profile.get());
        } finally {
          client.shutdown();
        }
        stdout.println("tune profile: stored " + model + "'s profile in the cluster");
      } catch (RuntimeException e) {
        err.println("tune profile: cannot store the profile in the cluster: " + Errors.rootMessage(e));
        return 1;
      }
    }
    try {
      if (out != null) {
        Files.writeString(out, file.encodePrettily() + "\n");
        stdout.println("tune profile: wrote " + out);
      }
    } catch (IOException e) {
      err.println("tune profile: cannot write " + out + ": " + e.getMessage());
      return 1;
    }
    if (json) {
      stdout.println(file.encodePrettily());
    } else if (out == null) {
      print(profile.get(), stats, server, stdout);
    }
    return 0;
  }

  /** Probes the seed batch sizes the statistics lack; returns the statistics after. */
  private List<BatchStat> probe(String host, int port, List<BatchStat> before, PrintWriter err) throws Exception {
    Dataset dataset = Clinc150Loader.loadOrDefault(data);
    List<String> texts = dataset.test().stream().map(LabeledText::text).toList();
    try (BatchProbe driver = new BatchProbe(host, port, model)) {
      int max = maxBatchSize != null ? maxBatchSize : driver.maxBatchSize();
      Map<Integer, Long> counts = new TreeMap<>();
      before.forEach(stat -> counts.merge(stat.batchSize(), stat.count(), Long::sum));
      List<Integer> missing = new ArrayList<>();
      for (int b : Recommender.seedBatchSizes(Math.max(1, max))) {
        if (counts.getOrDefault(b, 0L) < minBatches) {
          missing.add(b);
        }
      }
      int total = missing.size() * probeRequests;
      ProgressBar bar = new ProgressBar(err, "probing " + model, total);
      int done = 0;
      for (int b : missing) {
        int base = done;
        driver.run(b, probeRequests, texts, n -> bar.show(base + n, "b=" + b));
        done += probeRequests;
      }
      bar.finish(missing.isEmpty() ? "nothing to probe: every batch size of 1, 2, 4, ... " + max + " has run"
          : "probed b = " + missing.stream().map(String::valueOf).collect(Collectors.joining(", ")));
      return driver.batchStats();
    }
  }

  private JsonObject toJson(BatchProfile profile) {
    JsonArray points = new JsonArray();
    for (ProfilePoint point : profile.points()) {
      points.add(new JsonObject().put("batch_size", point.batchSize())
          .put("batch_time_ms", Math.round(point.batchTimeMillis() * 1000) / 1000.0));
    }
    JsonObject json = new JsonObject().put("model", profile.model());
    if (estMillis != null) {
      json.put("est_ms", estMillis);
    }
    return json.put("points", points);
  }

  private static void print(BatchProfile profile, List<BatchStat> stats, String server, PrintWriter out) {
    out.printf(Locale.ROOT, "%s: T(b) from the batch statistics of %s%n", profile.model(), server);
    out.printf(Locale.ROOT, "  %10s %10s %14s%n", "BATCH", "BATCHES", "T(b) ms");
    for (BatchStat stat : stats.stream().sorted((a, b) -> Integer.compare(a.batchSize(), b.batchSize())).toList()) {
      String time = profile.isMeasured(stat.batchSize())
          ? String.format(Locale.ROOT, "%.3f", profile.measured(stat.batchSize()).getAsDouble()) : "(too few)";
      out.printf(Locale.ROOT, "  %10d %10d %14s%n", stat.batchSize(), stat.count(), time);
    }
    out.printf(Locale.ROOT, "  fit: T(b) = %.3f + %.3f x b ms%n", profile.fit().baseMillis(), profile.fit().perItemMillis());
  }
}
