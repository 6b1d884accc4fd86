package io.tbms.dist;

import com.hazelcast.core.HazelcastInstance;
import io.tbms.broker.config.BrokerConfig;
import io.tbms.broker.config.ConfigException;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.tuner.TunerConfig;
import io.tbms.tuner.apply.BatchingPlan;
import io.tbms.tuner.watch.Hysteresis;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tbms tune watch}: re-tune models' batching live as their observed QPS changes. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Re-tune models' batching live as their traffic changes. Every --interval-s it",
      "reads each model's demand from the brokers' report (chain entries per second",
      "that wanted it, called or skipped, over the last 30 s, cluster-wide), recommends",
      "from the model's profile on the devices it has now, and applies a new batch size",
      "and queue delay as `tune apply` does.",
      "Hysteresis keeps it from flapping: it acts only once the QPS has moved by --band",
      "from the QPS of the last change and the new choice has held for --confirm",
      "readings in a row. When the model's devices cannot meet its target, it applies",
      "the configuration that keeps up at the lowest lag on them (best effort) and says",
      "how many devices would. Each change is logged; /api/report and the dashboard list it.",
      "Runs until interrupted (or --iterations readings)."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:stopped after --iterations", "1:the cluster, the report or a file cannot be reached or read",
      "2:bad input"})
public final class TuneWatchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Option(names = "--profile", paramLabel = "FILE",
      description = "A model's profile file (as `tune profile --out` writes); repeat for more models. Its est_ms is the lag target.")
  List<Path> profiles = new ArrayList<>();

  @Option(names = "--model", paramLabel = "M",
      description = "A model whose profile is stored in the cluster (tune profile --store), read afresh at each reading;"
          + " repeat for more.")
  List<String> storedModels = new ArrayList<>();

  @Option(names = "--report", paramLabel = "URL",
      description = "A broker's report (default: http://<listen host>:<port>/api/report from --config).")
  String report;

  @Option(names = "--interval-s", paramLabel = "S", description = "Seconds between readings (default: ${DEFAULT-VALUE}).")
  double intervalSeconds = 5;

  @Option(names = "--band", paramLabel = "F",
      description = "The relative QPS change that wakes the tuner (default: ${DEFAULT-VALUE}, i.e. 25%%).")
  double band = 0.25;

  @Option(names = "--confirm", paramLabel = "N", description = "Readings in a row a new choice must hold (default: ${DEFAULT-VALUE}).")
  int confirm = 2;

  @Option(names = "--headroom", paramLabel = "H",
      description = "The most of QPS_max a replica may be offered (default: ${DEFAULT-VALUE}).")
  double headroom = TunerConfig.DEFAULT_HEADROOM;

  @Option(names = "--no-best-effort",
      description = "When the devices there are cannot meet a model's target, keep what is set instead of applying"
          + " the configuration that keeps up at the lowest lag on them.")
  boolean noBestEffort;

  @Option(names = "--iterations", paramLabel = "N", description = "Stop after N readings; 0 runs until interrupted (default: ${DEFAULT-VALUE}).")
  int iterations = 0;

  @Option(names = "--connect-timeout-ms", paramLabel = "MS", description = "How long to look for the cluster (default: ${DEFAULT-VALUE}).")
  long connectTimeoutMillis = 5000;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!(intervalSeconds > 0) || !Double.isFinite(intervalSeconds)) {
      err.println("tune watch: --interval-s must be a positive number of seconds, was " + intervalSeconds);
      return 2;
    }
    if (iterations < 0) {
      err.println("tune watch: --iterations must be >= 0, was " + iterations);
      return 2;
    }
    if (profiles.isEmpty() && storedModels.isEmpty()) {
      err.println("tune watch: give --profile FILE or --model M (a profile stored in the cluster), at least one");
      return 2;
    }
    Map<String, ProfileFile> files = new LinkedHashMap<>();
    Map<String, Hysteresis> hysteresis = new LinkedHashMap<>();
    try {
      for (String stored : storedModels) {
        hysteresis.put(stored, new Hysteresis(band, confirm));
      }
      for (Path path : profiles) {
        ProfileFile file = TunePlanning.read(path);
        if (file.estMillis() == null) {
          err.println("tune watch: " + path + " has no est_ms, the lag target");
          return 2;
        }
        files.put(file.profile().model(), file);
        hysteresis.put(file.profile().model(), new Hysteresis(band, confirm));
      }
    } catch (IllegalArgumentException e) {
      err.println("tune watch: " + e.getMessage().replace("band", "--band").replace("confirmations", "--confirm"));
      return 2;
    }
    BrokerConfig config;
    try {
      config = cluster.brokerConfig();
    } catch (ConfigException e) {
      err.println("tune watch: " + e.getMessage());
      return 1;
    }
    URI reportUri = URI.create(report != null ? report : "http://" + config.host() + ":" + config.port() + "/api/report");
    HazelcastInstance client;
    try {
      client = ClusterClient.connect(cluster.name(config.cluster()),
          ClusterOptions.addresses(config.cluster(), cluster.members), connectTimeoutMillis);
    } catch (RuntimeException e) {
      err.println("tune watch: cannot reach the cluster '" + cluster.name(config.cluster()) + "': " + Errors.rootMessage(e));
      return 1;
    }
    ProfileStore store = new ProfileStore(client);
    try (BatchingApplier applier = new BatchingApplier(client, cluster.minMembers(config.cluster()))) {
      for (Map.Entry<String, Hysteresis> e : hysteresis.entrySet()) {
        Optional<ModelConfig> model = applier.model(e.getKey());
        if (model.isEmpty()) {
          err.println("tune watch: the cluster's registry has no model '" + e.getKey() + "'");
          return 2;
        }
        e.getValue().applied(Double.NaN, model.get().batchSize());
      }
      out.printf(Locale.ROOT, "watching %s: QPS from %s every %s s, band %.0f%%, %d in a row%n",
          hysteresis.keySet(), reportUri, TuneFormulaCommand.number(intervalSeconds), band * 100, confirm);
      out.flush();
      for (int reading = 1; iterations == 0 || reading <= iterations; reading++) {
        if (reading > 1) {
          Thread.sleep(Math.round(intervalSeconds * 1000));
        }
        JsonObject traffic;
        try {
          traffic = fetch(reportUri).getJsonObject("traffic", new JsonObject());
        } catch (Exception e) {
          err.println("tune watch: cannot read the report " + reportUri + ": " + Errors.rootMessage(e));
          err.flush();
          continue; // a broker restarting is no reason to stop watching
        }
        for (Map.Entry<String, Hysteresis> e : hysteresis.entrySet()) {
          Optional<ProfileFile> file = files.containsKey(e.getKey()) ? Optional.of(files.get(e.getKey())) : stored(store, e.getKey(), err);
          if (file.isEmpty()) {
            continue;
          }
          observe(e.getKey(), file.get(), traffic, e.getValue(), applier, out);
        }
        out.flush();
      }
      return 0;
    } finally {
      client.shutdown();
    }
  }

  private void observe(String name, ProfileFile file, JsonObject traffic, Hysteresis state, BatchingApplier applier,
      PrintWriter out) {
    String at = Instant.now().toString();
    JsonObject model = traffic.getJsonObject(name);
    double qps = model == null ? 0 : model.getDouble("wanted_per_s", 0.0);
    if (!(qps > 0)) {
      out.printf(Locale.ROOT, "%s %s: no traffic, b=%d kept%n", at, name, state.appliedBatchSize());
      return;
    }
    Optional<ModelConfig> current = applier.model(name);
    if (current.isEmpty()) {
      out.printf(Locale.ROOT, "%s %s: no longer in the registry%n", at, name);
      return;
    }
    TunePlanning.Choice choice =
        TunePlanning.choose(file, qps, file.estMillis(), TunePlanning.devices(current.get()), headroom, !noBestEffort);
    if (choice.plan().isEmpty()) {
      out.printf(Locale.ROOT, "%s %s: %.1f QPS: %s; b=%d kept%n", at, name, qps, choice.recommendation().explanation(),
          state.appliedBatchSize());
      return;
    }
    BatchingPlan plan = choice.plan().get();
    int chosen = plan.batchSize();
    if (!state.observe(qps, chosen)) {
      out.printf(Locale.ROOT, "%s %s: %.1f QPS: b=%d %s%n", at, name, qps, state.appliedBatchSize(),
          chosen == state.appliedBatchSize() ? "fits" : "kept (b=" + chosen + " not confirmed yet)");
      return;
    }
    BatchingApplier.Result result;
    try {
      result = applier.apply(plan, "watch", System.currentTimeMillis());
    } catch (Quorum.MissingException e) {
      out.printf(Locale.ROOT, "%s %s: %.1f QPS: b=%d not applied: %s%n", at, name, qps, plan.batchSize(), e.getMessage());
      return; // the next reading tries again
    }
    state.applied(qps, plan.batchSize());
    List<String> refused = new ArrayList<>();
    result.servers().forEach(s -> s.error().ifPresent(error -> refused.add(s.server() + ": " + error)));
    out.printf(Locale.ROOT, "%s %s: %.1f QPS: applied b=%d -> %s%s%n", at, name, qps, result.previousBatchSize(),
        plan.explanation(), refused.isEmpty() ? "" : " (REFUSED by " + refused + ")");
  }

  /** The model's stored profile, or empty with a word on the error stream. */
  private static Optional<ProfileFile> stored(ProfileStore store, String model, PrintWriter err) {
    try {
      Optional<ProfileFile> file = store.get(model);
      if (file.isEmpty()) {
        err.println("tune watch: the cluster has no profile of '" + model + "' yet (tune profile --model " + model + " --store)");
      } else if (file.get().estMillis() == null) {
        err.println("tune watch: the stored profile of '" + model + "' has no est_ms, the lag target");
        return Optional.empty();
      }
      return file;
    } catch (IllegalArgumentException e) {
      err.println("tune watch: the stored profile of '" + model + "' is not a profile: " + e.getMessage());
      return Optional.empty();
    }
  }

  private JsonObject fetch(URI uri) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode());
    }
    return new JsonObject(response.body());
  }
}
