package io.tbms.broker.config;

import io.tbms.broker.admission.AdmissionConfig;
import io.tbms.broker.admission.LimitAlgorithm;
import io.tbms.broker.auth.Credential;
import io.tbms.broker.backend.BackendConfig;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.resources.ResourceManagerConfig;
import io.tbms.resources.Target;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a broker config file (JSON; {@code docs/configuration.md} and {@code config/broker.json}
 * show every key). Unknown keys are refused so a typo cannot silently fall back to a default;
 * every error names the file and the field path, e.g. {@code models[1].replicas[0].port}.
 * An access key may be given as {@code access_key} or read from the environment variable named
 * by {@code access_key_env}.
 */
public final class ConfigFile {

  private final String source;
  private final Function<String, String> env;

  private ConfigFile(String source, Function<String, String> env) {
    this.source = source;
    this.env = env;
  }

  public static BrokerConfig load(Path path) {
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + path + ": " + e.getMessage(), e);
    }
    return parse(text, path.toString(), System::getenv);
  }

  /** @param env looks up environment variables (for {@code access_key_env}) */
  public static BrokerConfig parse(String json, String source, Function<String, String> env) {
    JsonObject root;
    try {
      root = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw new ConfigException(source + ": not a JSON object: " + e.getMessage(), e);
    }
    return new ConfigFile(source, env).broker(root);
  }

  private BrokerConfig broker(JsonObject root) {
    keys(root, "", "listen", "margin_ms", "default_priority", "max_body_bytes", "lag", "admission", "backend", "cluster",
        "instances", "models", "resources");
    JsonObject listen = object(root, "", "listen");
    keys(listen, "listen", "host", "port");
    JsonObject lag = object(root, "", "lag");
    keys(lag, "lag", "window_ms", "quantile", "min_chance");
    List<ModelConfig> models = new ArrayList<>();
    JsonArray modelArray = array(root, "", "models", true);
    for (int i = 0; i < modelArray.size(); i++) {
      models.add(model(element(modelArray, "models", i), "models[" + i + "]"));
    }
    List<InstanceConfig> instances = new ArrayList<>();
    JsonArray instanceArray = array(root, "", "instances", true);
    for (int i = 0; i < instanceArray.size(); i++) {
      instances.add(instance(element(instanceArray, "instances", i), "instances[" + i + "]"));
    }
    return build("", () -> new BrokerConfig(
        string(listen, "listen", "host", BrokerConfig.DEFAULT_HOST),
        integer(listen, "listen", "port", BrokerConfig.DEFAULT_PORT),
        millis(root, "", "margin_ms", BrokerConfig.DEFAULT_MARGIN),
        integer(root, "", "default_priority", BrokerConfig.DEFAULT_PRIORITY),
        integer(root, "", "max_body_bytes", BrokerConfig.DEFAULT_MAX_BODY_BYTES),
        millis(lag, "lag", "window_ms", BrokerConfig.DEFAULT_LAG_WINDOW),
        number(lag, "lag", "quantile", BrokerConfig.DEFAULT_LAG_QUANTILE),
        number(lag, "lag", "min_chance", BrokerConfig.DEFAULT_LAG_MIN_CHANCE),
        admission(object(root, "", "admission")),
        backend(object(root, "", "backend")),
        cluster(object(root, "", "cluster")),
        instances, models,
        resources(object(root, "", "resources"))));
  }

  private AdmissionConfig admission(JsonObject json) {
    keys(json, "admission", "algorithm", "initial_limit", "min_limit", "max_limit", "lowest_share");
    String algorithm = string(json, "admission", "algorithm", AdmissionConfig.DEFAULT_ALGORITHM.name());
    LimitAlgorithm parsed;
    try {
      parsed = LimitAlgorithm.valueOf(algorithm.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw fail("admission.algorithm", "must be \"gradient2\", \"vegas\" or \"fixed\", was \"" + algorithm + "\"");
    }
    return build("admission", () -> new AdmissionConfig(parsed,
        integer(json, "admission", "initial_limit", AdmissionConfig.DEFAULT_INITIAL_LIMIT),
        integer(json, "admission", "min_limit", AdmissionConfig.DEFAULT_MIN_LIMIT),
        integer(json, "admission", "max_limit", AdmissionConfig.DEFAULT_MAX_LIMIT),
        number(json, "admission", "lowest_share", AdmissionConfig.DEFAULT_LOWEST_SHARE)));
  }

  private BackendConfig backend(JsonObject json) {
    String at = "backend";
    keys(json, at, "failure_rate_threshold", "sliding_window", "minimum_calls", "wait_in_open_ms", "half_open_calls",
        "max_concurrent_calls", "class_scores");
    return build(at, () -> new BackendConfig(
        (float) number(json, at, "failure_rate_threshold", BackendConfig.DEFAULT_FAILURE_RATE_THRESHOLD),
        integer(json, at, "sliding_window", BackendConfig.DEFAULT_SLIDING_WINDOW_SIZE),
        integer(json, at, "minimum_calls", BackendConfig.DEFAULT_MINIMUM_NUMBER_OF_CALLS),
        millis(json, at, "wait_in_open_ms", BackendConfig.DEFAULT_WAIT_IN_OPEN_STATE),
        integer(json, at, "half_open_calls", BackendConfig.DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE),
        integer(json, at, "max_concurrent_calls", BackendConfig.DEFAULT_MAX_CONCURRENT_CALLS_PER_REPLICA),
        integer(json, at, "class_scores", BackendConfig.DEFAULT_CLASS_SCORES)));
  }

  private ClusterConfig cluster(JsonObject json) {
    keys(json, "cluster", "name", "host", "port", "members", "state_file", "min_members", "heartbeat_timeout_s");
    List<String> addresses = texts(json, "cluster", "members", false);
    if (addresses.isEmpty()) {
      addresses.add(ClusterConfig.DEFAULT_HOST);
    }
    return build("cluster", () -> new ClusterConfig(
        string(json, "cluster", "name", ClusterConfig.DEFAULT_NAME),
        string(json, "cluster", "host", ClusterConfig.DEFAULT_HOST),
        integer(json, "cluster", "port", ClusterConfig.DEFAULT_PORT),
        addresses,
        json.getValue("state_file") == null ? null : Path.of(required(json, "cluster", "state_file")),
        integer(json, "cluster", "min_members", ClusterConfig.DEFAULT_MIN_MEMBERS),
        integer(json, "cluster", "heartbeat_timeout_s", ClusterConfig.DEFAULT_HEARTBEAT_TIMEOUT_SECONDS)));
  }

  private ResourceManagerConfig resources(JsonObject json) {
    String at = "resources";
    keys(json, at, "targets", "scrape_interval_ms", "cpu_cores", "room_threshold", "hot_threshold", "co_locate_below",
        "co_locate_target", "nvidia_smi", "gpu_names");
    List<Target> targets = new ArrayList<>();
    JsonArray targetArray = array(json, at, "targets", false);
    for (int i = 0; i < targetArray.size(); i++) {
      String t = at + ".targets[" + i + "]";
      JsonObject target = element(targetArray, at + ".targets", i);
      keys(target, t, "kserve", "metrics");
      targets.add(build(t, () -> new Target(required(target, t, "kserve"), required(target, t, "metrics"))));
    }
    Map<String, String> gpuNames = new HashMap<>();
    JsonObject names = object(json, at, "gpu_names");
    for (String uuid : names.fieldNames()) {
      gpuNames.put(uuid, required(names, at + ".gpu_names", uuid));
    }
    ResourceManagerConfig defaults = ResourceManagerConfig.ofDefaults();
    Object nvidiaSmi = json.getValue("nvidia_smi");
    if (nvidiaSmi != null && !(nvidiaSmi instanceof Boolean)) {
      throw fail(at + ".nvidia_smi", "must be true or false");
    }
    return build(at, () -> new ResourceManagerConfig(targets,
        millis(json, at, "scrape_interval_ms", defaults.scrapeInterval()),
        integer(json, at, "cpu_cores", defaults.cpuCores()),
        number(json, at, "room_threshold", defaults.roomThreshold()),
        number(json, at, "hot_threshold", defaults.hotThreshold()),
        number(json, at, "co_locate_below", defaults.coLocateBelow()),
        number(json, at, "co_locate_target", defaults.coLocateTarget()),
        nvidiaSmi == null ? defaults.nvidiaSmi() : (Boolean) nvidiaSmi,
        gpuNames));
  }

  private ModelConfig model(JsonObject json, String at) {
    keys(json, at, "name", "aliases", "est_ms", "batch_size", "max_queue_delay_ms", "label_output", "score_output",
        "replicas");
    String name = required(json, at, "name");
    List<String> aliases = texts(json, at, "aliases", false);
    JsonArray replicaArray = array(json, at, "replicas", true);
    List<ReplicaConfig> replicas = new ArrayList<>();
    for (int i = 0; i < replicaArray.size(); i++) {
      String path = at + ".replicas[" + i + "]";
      JsonObject replica = element(replicaArray, at + ".replicas", i);
      keys(replica, path, "host", "port", "transport", "device");
      String transport = string(replica, path, "transport", "grpc");
      Transport parsed = switch (transport.toLowerCase(Locale.ROOT)) {
        case "grpc" -> Transport.GRPC;
        case "rest", "http" -> Transport.REST;
        default -> throw fail(path + ".transport", "must be \"grpc\" or \"rest\", was \"" + transport + "\"");
      };
      replicas.add(build(path, () -> new ReplicaConfig(
          string(replica, path, "host", "127.0.0.1"), integer(replica, path, "port", parsed == Transport.GRPC ? 8001 : 8000),
          parsed, string(replica, path, "device", "cpu"))));
    }
    return build(at, () -> new ModelConfig(name, replicas,
        string(json, at, "label_output", ModelConfig.DEFAULT_LABEL_OUTPUT),
        string(json, at, "score_output", ModelConfig.DEFAULT_SCORE_OUTPUT),
        millis(json, at, "est_ms", Duration.ZERO),
        integer(json, at, "batch_size", ModelConfig.DEFAULT_BATCH_SIZE),
        json.containsKey("max_queue_delay_ms") ? millis(json, at, "max_queue_delay_ms", Duration.ZERO) : null,
        aliases));
  }

  private InstanceConfig instance(JsonObject json, String at) {
    keys(json, at, "name", "models", "tasks", "groups", "credentials", "max_queries_per_s");
    String name = required(json, at, "name");
    Set<String> models = new LinkedHashSet<>(texts(json, at, "models", true));
    List<String> tasks = texts(json, at, "tasks", false);
    List<String> groups = texts(json, at, "groups", false);
    List<Credential> credentials = new ArrayList<>();
    JsonArray credentialArray = array(json, at, "credentials", true);
    for (int i = 0; i < credentialArray.size(); i++) {
      String path = at + ".credentials[" + i + "]";
      JsonObject credential = element(credentialArray, at + ".credentials", i);
      keys(credential, path, "access_id", "access_key", "access_key_env");
      String key = string(credential, path, "access_key", null);
      String keyEnv = string(credential, path, "access_key_env", null);
      if ((key == null) == (keyEnv == null)) {
        throw fail(path, "needs exactly one of access_key and access_key_env");
      }
      if (keyEnv != null) {
        key = env.apply(keyEnv);
        if (key == null || key.isBlank()) {
          throw fail(path + ".access_key_env", "environment variable " + keyEnv + " is not set");
        }
      }
      String accessKey = key;
      credentials.add(build(path, () -> new Credential(required(credential, path, "access_id"), accessKey, name)));
    }
    double maxQps = json.containsKey("max_queries_per_s") ? number(json, at, "max_queries_per_s", 0) : 0;
    return build(at, () -> new InstanceConfig(name, models, credentials, tasks, maxQps, groups));
  }

  // --- typed access, each naming the field on error

  private interface Builder<T> {
    T get();
  }

  private <T> T build(String at, Builder<T> builder) {
    try {
      return builder.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + (at.isEmpty() ? "" : ": " + at) + ": " + e.getMessage(), e);
    }
  }

  private ConfigException fail(String field, String message) {
    return new ConfigException(source + ": " + field + " " + message);
  }

  private static String path(String at, String key) {
    return at.isEmpty() ? key : at + "." + key;
  }

  private void keys(JsonObject json, String at, String... allowed) {
    Set<String> known = Set.of(allowed);
    for (String key : json.fieldNames()) {
      if (!known.contains(key)) {
        throw fail(path(at, key), "is not a known setting (known: " + String.join(", ", allowed) + ")");
      }
    }
  }

  private JsonObject object(JsonObject json, String at, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return new JsonObject();
    }
    if (value instanceof JsonObject object) {
      return object;
    }
    if (value instanceof Map<?, ?>) {
      return json.getJsonObject(key);
    }
    throw fail(path(at, key), "must be an object");
  }

  private JsonArray array(JsonObject json, String at, String key, boolean required) {
    Object value = json.getValue(key);
    if (value == null) {
      if (required) {
        throw fail(path(at, key), "is required");
      }
      return new JsonArray();
    }
    if (value instanceof JsonArray array) {
      return array;
    }
    throw fail(path(at, key), "must be an array");
  }

  private JsonObject element(JsonArray array, String at, int i) {
    if (array.getValue(i) instanceof JsonObject object) {
      return object;
    }
    throw fail(at + "[" + i + "]", "must be an object");
  }

  /** An array of non-empty strings; {@code required}: it must be there (it may be empty). */
  private List<String> texts(JsonObject json, String at, String key, boolean required) {
    JsonArray array = array(json, at, key, required);
    List<String> texts = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      texts.add(text(array, path(at, key), i));
    }
    return texts;
  }

  private String text(JsonArray array, String at, int i) {
    if (array.getValue(i) instanceof String s && !s.isBlank()) {
      return s;
    }
    throw fail(at + "[" + i + "]", "must be a non-empty string");
  }

  private String required(JsonObject json, String at, String key) {
    String value = string(json, at, key, null);
    if (value == null || value.isBlank()) {
      throw fail(path(at, key), "is required");
    }
    return value;
  }

  private String string(JsonObject json, String at, String key, String fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String s) {
      return s;
    }
    throw fail(path(at, key), "must be a string");
  }

  private double number(JsonObject json, String at, String key, double fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw fail(path(at, key), "must be a number");
  }

  private int integer(JsonObject json, String at, String key, int fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw fail(path(at, key), "must be an integer");
  }

  private Duration millis(JsonObject json, String at, String key, Duration fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
      if (n.doubleValue() < 0) {
        throw fail(path(at, key), "must be >= 0, was " + n);
      }
      return Duration.ofNanos(Math.round(n.doubleValue() * 1_000_000d));
    }
    throw fail(path(at, key), "must be a number of milliseconds");
  }
}
