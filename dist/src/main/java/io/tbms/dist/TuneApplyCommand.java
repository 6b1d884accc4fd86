package io.tbms.dist;

import com.hazelcast.core.HazelcastInstance;
import io.tbms.broker.config.BrokerConfig;
import io.tbms.broker.config.ConfigException;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.tuner.TunerConfig;
import io.tbms.tuner.apply.BatchingPlan;
import io.tbms.tuner.apply.TritonBatching;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tbms tune apply}: set a model's batch size and queue delay live, on every broker and model server. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Set a model's batch size and queue delay live, without restarting anything:",
      "in the cluster's model registry, which every broker's cross-request batcher reads",
      "at each decision, and on the model's servers through Triton's repository load call",
      "with a config override (dynamic_batching: preferred_batch_size, max_queue_delay).",
      "The change is logged; /api/report and the dashboard list it.",
      "Either give --batch-size (and --queue-delay-ms), or apply the recommendation for",
      "--qps and --lag-target-ms on the devices the model has now, from --profile FILE or,",
      "without it, the model's profile stored in the cluster (tune profile --store).",
      "For a real Triton whose config lives in files, --pbtxt-out writes the",
      "dynamic_batching block of config.pbtxt."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:applied everywhere (or printed, with --dry-run)",
      "1:the cluster, a file or the config cannot be reached or read",
      "2:bad input",
      "3:the recommendation needs more devices, or no configuration meets the lag target: nothing applied"
          + " (unless --best-effort)",
      "4:applied in the registry, but a model server refused the override (see its message)",
      "5:nothing applied: the cluster reached has fewer members than --min-members (cluster.min_members)"})
public final class TuneApplyCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Option(names = "--model", paramLabel = "M", required = true, description = "The model to tune.")
  String model;

  @Option(names = "--batch-size", paramLabel = "B", description = "The batch size to set.")
  Integer batchSize;

  @Option(names = "--queue-delay-ms", paramLabel = "D",
      description = "With --batch-size: how long a batch may wait to fill, in ms (default: ${DEFAULT-VALUE}).")
  double queueDelayMillis = 0;

  @Option(names = "--profile", paramLabel = "FILE",
      description = "Apply the recommendation from this profile file (default: the profile stored in the cluster).")
  Path profile;

  @Option(names = "--qps", paramLabel = "Q", description = "With --profile: the model's QPS in all (default: the file's qps).")
  Double qps;

  @Option(names = "--lag-target-ms", paramLabel = "L", description = "With --profile: the lag target (default: the file's est_ms).")
  Double lagTargetMillis;

  @Option(names = "--headroom", paramLabel = "H",
      description = "With --profile: the most of QPS_max a replica may be offered (default: ${DEFAULT-VALUE}).")
  double headroom = TunerConfig.DEFAULT_HEADROOM;

  @Option(names = "--best-effort",
      description = "With --profile: when the devices there are cannot meet the target, apply the configuration"
          + " that keeps up at the lowest lag on them anyway.")
  boolean bestEffort;

  @Option(names = "--pbtxt-out", paramLabel = "FILE", description = "Also write the dynamic_batching block for config.pbtxt here.")
  Path pbtxtOut;

  @Option(names = "--dry-run", description = "Print what would be applied; change nothing.")
  boolean dryRun;

  @Option(names = "--connect-timeout-ms", paramLabel = "MS", description = "How long to look for the cluster (default: ${DEFAULT-VALUE}).")
  long connectTimeoutMillis = 5000;

  @Option(names = "--json", description = "Print one JSON object instead.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (batchSize != null && profile != null) {
      err.println("tune apply: give either --batch-size or --profile, not both");
      return 2;
    }
    if (batchSize != null && (qps != null || lagTargetMillis != null)) {
      err.println("tune apply: --qps and --lag-target-ms go with --profile, not --batch-size");
      return 2;
    }
    BatchingPlan manual = null;
    ProfileFile file = null;
    try {
      if (batchSize != null) {
        manual = BatchingPlan.manual(model, batchSize, queueDelayMillis);
      } else if (profile != null) {
        file = TunePlanning.read(profile);
        if (!file.profile().model().equals(model)) {
          err.println("tune apply: " + profile + " profiles '" + file.profile().model() + "', not --model " + model);
          return 2;
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("tune apply: " + e.getMessage().replace("batch size", "--batch-size").replace("queue delay", "--queue-delay-ms"));
      return 2;
    }
    BrokerConfig config;
    try {
      config = cluster.brokerConfig();
    } catch (ConfigException e) {
      err.println("tune apply: " + e.getMessage());
      return 1;
    }
    if (dryRun && manual != null) {
      return finish(manual, null, out, err);
    }
    HazelcastInstance client;
    try {
      client = ClusterClient.connect(cluster.name(config.cluster()),
          ClusterOptions.addresses(config.cluster(), cluster.members), connectTimeoutMillis);
    } catch (RuntimeException e) {
      err.println("tune apply: cannot reach the cluster '" + cluster.name(config.cluster()) + "' at "
          + ClusterOptions.addresses(config.cluster(), cluster.members) + ": " + Errors.rootMessage(e));
      return 1;
    }
    try (BatchingApplier applier = new BatchingApplier(client, cluster.minMembers(config.cluster()))) {
      Optional<ModelConfig> current = applier.model(model);
      if (current.isEmpty()) {
        err.println("tune apply: the cluster's registry has no model '" + model + "'");
        return 2;
      }
      BatchingPlan plan = manual;
      if (plan == null && file == null) {
        file = new ProfileStore(client).get(model).orElse(null);
        if (file == null) {
          err.println("tune apply: the cluster has no profile of '" + model + "': store one with `tune profile --model "
              + model + " --store`, or give --profile FILE or --batch-size");
          return 2;
        }
      }
      if (plan == null) {
        Double q = qps != null ? qps : file.qps();
        Double target = lagTargetMillis != null ? lagTargetMillis : file.estMillis();
        if (q == null || !(q > 0) || target == null || !(target > 0)) {
          err.println("tune apply: --profile needs a positive --qps and --lag-target-ms (or qps and est_ms in the file)");
          return 2;
        }
        TunePlanning.Choice choice =
            TunePlanning.choose(file, q, target, TunePlanning.devices(current.get()), headroom, bestEffort);
        if (choice.plan().isEmpty()) {
          err.println("tune apply: nothing applied: " + choice.recommendation().explanation()
              + " (--best-effort applies the best the devices there are can do)");
          return 3;
        }
        plan = choice.plan().get();
      }
      if (dryRun) {
        return finish(plan, null, out, err);
      }
      return finish(plan, applier.apply(plan, "apply", System.currentTimeMillis()), out, err);
    } catch (IllegalArgumentException e) {
      err.println("tune apply: " + e.getMessage());
      return 2;
    } catch (Quorum.MissingException e) {
      err.println("tune apply: " + e.getMessage());
      return 5;
    } finally {
      client.shutdown();
    }
  }

  private int finish(BatchingPlan plan, BatchingApplier.Result result, PrintWriter out, PrintWriter err) {
    if (pbtxtOut != null) {
      try {
        Files.writeString(pbtxtOut, TritonBatching.pbtxt(plan));
      } catch (IOException e) {
        err.println("tune apply: cannot write --pbtxt-out " + pbtxtOut + ": " + e.getMessage());
        return 1;
      }
    }
    if (json) {
      JsonObject json = new JsonObject().put("model", plan.model()).put("applied", result != null)
          .put("batch_size", plan.batchSize()).put("max_queue_delay_ms", plan.maxQueueDelayMillis())
          .put("explanation", plan.explanation());
      if (result != null) {
        JsonArray servers = new JsonArray();
        result.servers().forEach(s -> servers.add(new JsonObject().put("server", s.server()).put("error", s.error().orElse(null))));
        json.put("previous_batch_size", result.previousBatchSize()).put("servers", servers);
      }
      out.println(json.encode());
    } else {
      out.printf(Locale.ROOT, "%s: %s%s%n", plan.model(), result == null ? "would set " : "set ", plan.explanation());
      if (result != null) {
        out.printf(Locale.ROOT, "  brokers: batch size %d -> %d, queue delay %.1f ms (cluster registry)%n",
            result.previousBatchSize(), plan.batchSize(), plan.maxQueueDelayMillis());
        for (BatchingApplier.ServerResult server : result.servers()) {
          out.printf(Locale.ROOT, "  %s: %s%n", server.server(), server.error().map(e -> "REFUSED: " + e)
              .orElse("dynamic_batching preferred_batch_size [" + plan.batchSize() + "], max_queue_delay "
                  + plan.maxQueueDelayMicros() + " us"));
        }
      } else {
        out.print(TritonBatching.pbtxt(plan));
      }
      if (pbtxtOut != null) {
        out.println("  wrote " + pbtxtOut);
      }
    }
    out.flush();
    return result == null || result.allServersApplied() ? 0 : 4;
  }
}
