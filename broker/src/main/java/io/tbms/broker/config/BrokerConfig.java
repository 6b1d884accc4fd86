package io.tbms.broker.config;

import io.tbms.broker.admission.AdmissionConfig;
import io.tbms.broker.auth.Credential;
import io.tbms.broker.backend.BackendConfig;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.resources.ResourceManagerConfig;
import io.tbms.resources.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a broker starts from: where it listens, its query defaults, its cluster, its
 * tenants and their keys, and the models it serves. Loaded from a JSON file by {@link
 * ConfigFile}; immutable and validated (errors name the field).
 *
 * @param host the front's bind address, {@code 127.0.0.1} by default
 * @param port the front's port (gRPC and HTTP on one port), 8080 by default; 0 picks a free one
 * @param margin how long before {@code t0 + budget} the broker answers, 1 ms by default
 * @param defaultPriority the priority of queries that give none, 5 by default
 * @param maxBodyBytes the largest request body or gRPC message accepted, 1 MiB by default
 * @param lagWindow how far back the observed-lag quantile looks, 2 s by default
 * @param lagQuantile which quantile of a model's observed latency is its expected latency, the one
 *     the schedule plans with, 0.95 by default
 * @param lagMinChance the least chance of answering in the time left (the share of the model's
 *     recent calls that answered within it) for which an entry is fired rather than skipped for
 *     lag, 0.2 by default; the chain's last entry fires at any chance above 0
 * @param admission the adaptive limit on model calls in flight and shedding by priority
 * @param backend circuit breaker and bulkhead settings per replica
 * @param cluster how the embedded Hazelcast member joins
 * @param instances the tenants
 * @param models the model registry's initial content; each name and each alias names one model
 * @param resources the resource manager's settings; with no targets, it tracks every host that
 *     serves a replica over gRPC, with Triton's metrics port ({@value #DEFAULT_METRICS_PORT})
 */
public record BrokerConfig(
    String host, int port, Duration margin, int defaultPriority, int maxBodyBytes,
    Duration lagWindow, double lagQuantile, double lagMinChance, AdmissionConfig admission, BackendConfig backend, ClusterConfig cluster,
    List<InstanceConfig> instances, List<ModelConfig> models, ResourceManagerConfig resources) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final Duration DEFAULT_MARGIN = Duration.ofMillis(1);
  public static final int DEFAULT_PRIORITY = 5;
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  public static final Duration DEFAULT_LAG_WINDOW = Duration.ofSeconds(2);
  public static final double DEFAULT_LAG_QUANTILE = 0.95;
  public static final double DEFAULT_LAG_MIN_CHANCE = 0.2;
  /** Triton's metrics port, where the resource manager looks when the config names no targets. */
  public static final int DEFAULT_METRICS_PORT = 8002;

  /** The demo's public, loopback-only credentials (docs/design.md §3). */
  public static final Credential DEMO_CREDENTIAL = new Credential("demo", "demo-secret-key", "demo");

  public BrokerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(margin, "margin");
    Objects.requireNonNull(lagWindow, "lagWindow");
    Objects.requireNonNull(admission, "admission");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(resources, "resources");
    instances = List.copyOf(instances);
    models = List.copyOf(models);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, was " + port);
    }
    if (margin.isNegative()) {
      throw new IllegalArgumentException("margin_ms must be >= 0, was " + margin.toMillis());
    }
    if (defaultPriority < 0 || defaultPriority > 9) {
      throw new IllegalArgumentException("default_priority must be in 0..9, was " + defaultPriority);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("max_body_bytes must be >= 1024, was " + maxBodyBytes);
    }
    if (lagWindow.isNegative() || lagWindow.isZero()) {
      throw new IllegalArgumentException("lag_window_ms must be > 0, was " + lagWindow.toMillis());
    }
    if (!(lagQuantile > 0 && lagQuantile <= 1)) {
      throw new IllegalArgumentException("lag_quantile must be in (0, 1], was " + lagQuantile);
    }
    if (!(lagMinChance >= 0 && lagMinChance <= 1)) {
      throw new IllegalArgumentException("lag.min_chance must be in [0, 1], was " + lagMinChance);
    }
    Set<String> names = new HashSet<>();
    for (ModelConfig model : models) {
      if (!names.add(model.name())) {
        throw new IllegalArgumentException("model '" + model.name() + "' is registered twice");
      }
    }
    Map<String, String> aliasOf = aliases(models, names);
    Set<String> tenants = new HashSet<>();
    Set<String> accessIds = new HashSet<>();
    for (InstanceConfig instance : instances) {
      if (!tenants.add(instance.name())) {
        throw new IllegalArgumentException("instance '" + instance.name() + "' is configured twice");
      }
      for (String model : instance.models()) {
        if (aliasOf.containsKey(model)) {
          throw new IllegalArgumentException("instance '" + instance.name() + "' lists '" + model
              + "', an alias of model '" + aliasOf.get(model) + "': list the model's name (its aliases come with it)");
        }
        if (!names.contains(model)) {
          throw new IllegalArgumentException("instance '" + instance.name() + "' uses unknown model '" + model + "'");
        }
      }
      for (Credential credential : instance.credentials()) {
        if (!accessIds.add(credential.accessId())) {
          throw new IllegalArgumentException("access id '" + credential.accessId() + "' is configured twice");
        }
      }
    }
  }

  /**
   * Each alias and the model it names, refusing an alias that is another model's name or another
   * model's alias (the message names the field, {@code models[i].aliases[j]}).
   */
  private static Map<String, String> aliases(List<ModelConfig> models, Set<String> names) {
    Map<String, String> aliasOf = new HashMap<>();
    for (int i = 0; i < models.size(); i++) {
      ModelConfig model = models.get(i);
      for (int j = 0; j < model.aliases().size(); j++) {
        String alias = model.aliases().get(j);
        String field = "models[" + i + "].aliases[" + j + "]";
        if (names.contains(alias)) {
          throw new IllegalArgumentException(field + " '" + alias + "' is the name of another model");
        }
        String other = aliasOf.putIfAbsent(alias, model.name());
        if (other != null) {
          throw new IllegalArgumentException(field + " '" + alias + "' is already an alias of model '" + other + "'");
        }
      }
    }
    return aliasOf;
  }

  /** Every credential of every instance. */
  public List<Credential> credentials() {
    List<Credential> all = new ArrayList<>();
    instances.forEach(instance -> all.addAll(instance.credentials()));
    return all;
  }

  public BrokerConfig withPort(int newPort) {
    return new BrokerConfig(host, newPort, margin, defaultPriority, maxBodyBytes, lagWindow, lagQuantile, lagMinChance,
        admission, backend, cluster, instances, models, resources);
  }

  /**
   * The backends the resource manager tracks: the configured targets, or else every distinct gRPC
   * replica address with Triton's metrics port on its host.
   */
  public List<Target> resourceTargets() {
    if (!resources.targets().isEmpty()) {
      return resources.targets();
    }
    Set<String> seen = new LinkedHashSet<>();
    List<Target> targets = new ArrayList<>();
    for (ModelConfig model : models) {
      for (ReplicaConfig replica : model.replicas()) {
        if (replica.transport() == Transport.GRPC && seen.add(replica.address())) {
          targets.add(new Target(replica.address(), "http://" + replica.host() + ":" + DEFAULT_METRICS_PORT + "/metrics"));
        }
      }
    }
    return targets;
  }

  public BrokerConfig withCluster(ClusterConfig newCluster) {
    return new BrokerConfig(host, port, margin, defaultPriority, maxBodyBytes, lagWindow, lagQuantile, lagMinChance,
        admission, backend, newCluster, instances, models, resources);
  }

  public BrokerConfig withMargin(Duration newMargin) {
    return new BrokerConfig(host, port, newMargin, defaultPriority, maxBodyBytes, lagWindow, lagQuantile, lagMinChance,
        admission, backend, cluster, instances, models, resources);
  }

  public BrokerConfig withAdmission(AdmissionConfig newAdmission) {
    return new BrokerConfig(host, port, margin, defaultPriority, maxBodyBytes, lagWindow, lagQuantile, lagMinChance,
        newAdmission, backend, cluster, instances, models, resources);
  }

  public BrokerConfig withBackend(BackendConfig newBackend) {
    return new BrokerConfig(host, port, margin, defaultPriority, maxBodyBytes, lagWindow, lagQuantile, lagMinChance,
        admission, newBackend, cluster, instances, models, resources);
  }

  public BrokerConfig withInstances(List<InstanceConfig> newInstances) {
    return new BrokerConfig(host, port, margin, defaultPriority, maxBodyBytes, lagWindow, lagQuantile, lagMinChance,
        admission, backend, cluster, newInstances, models, resources);
  }

  public BrokerConfig withModels(List<ModelConfig> newModels) {
    return new BrokerConfig(host, port, margin, defaultPriority, maxBodyBytes, lagWindow, lagQuantile, lagMinChance,
        admission, backend, cluster, instances, newModels, resources);
  }

  /**
   * The demo stack: the four reference models on the model server's gRPC port (embedding on
   * two emulated GPUs, the others on the CPU; {@code keyword} also answers to the seed's name
   * {@code keysearch}), the demo instance with its public key, and the model server as the
   * resource manager's one target.
   */
  public static BrokerConfig demo(String zooHost, int zooGrpcPort, int zooMetricsPort) {
    List<ModelConfig> models = List.of(
        demoModel("embedding", 35, zooHost, zooGrpcPort, "gpu0", "gpu1"),
        demoModel("svm", 25, zooHost, zooGrpcPort, "cpu"),
        demoModel("bayes", 15, zooHost, zooGrpcPort, "cpu"),
        demoModel("keyword", 5, zooHost, zooGrpcPort, "cpu").withAliases(List.of("keysearch")));
    Set<String> names = new HashSet<>();
    models.forEach(m -> names.add(m.name()));
    InstanceConfig demo = new InstanceConfig("demo", names, List.of(DEMO_CREDENTIAL), List.of());
    return new BrokerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MARGIN, DEFAULT_PRIORITY, DEFAULT_MAX_BODY_BYTES,
        DEFAULT_LAG_WINDOW, DEFAULT_LAG_QUANTILE, DEFAULT_LAG_MIN_CHANCE, AdmissionConfig.ofDefaults(), BackendConfig.ofDefaults(),
        ClusterConfig.ofDefaults(), List.of(demo), models, ResourceManagerConfig.ofDefaults().withTargets(List.of(
            new Target(zooHost + ":" + zooGrpcPort, "http://" + zooHost + ":" + zooMetricsPort + "/metrics"))));
  }

  private static ModelConfig demoModel(String name, int estMillis, String host, int port, String... devices) {
    // the model server places instances on devices itself; one endpoint serves them all
    return new ModelConfig(name, List.of(new ReplicaConfig(host, port, Transport.GRPC, String.join("+", devices))),
        ModelConfig.DEFAULT_LABEL_OUTPUT, ModelConfig.DEFAULT_SCORE_OUTPUT, Duration.ofMillis(estMillis),
        ModelConfig.DEFAULT_BATCH_SIZE);
  }
}
