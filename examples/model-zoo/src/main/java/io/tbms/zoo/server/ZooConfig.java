package io.tbms.zoo.server;

import io.tbms.zoo.batching.DynamicBatchingConfig;
import io.tbms.zoo.device.BatchTimeProfile;
import io.tbms.zoo.device.DeviceConfig;
import io.tbms.zoo.repository.InstancePlacement;
import io.tbms.zoo.repository.ModelSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the reference model server: where it listens, its devices and its models.
 *
 * <p>{@link #ofDefaults()} is the demo layout (docs/models.md explains it): the embedding model on
 * two emulated GPUs, batch-hungry and tens of milliseconds per batch; {@code svm}, {@code bayes}
 * and {@code keyword} on the CPU, fast and less accurate.
 *
 * @param host the address every port binds to
 * @param httpPort KServe v2 HTTP/REST, like Triton's 8000; 0 picks a free port
 * @param grpcPort KServe v2 gRPC, like Triton's 8001; 0 picks a free port
 * @param metricsPort Prometheus metrics, like Triton's 8002; 0 picks a free port
 * @param maxRequestBytes the largest request body or message accepted
 * @param devices the devices models may be placed on
 * @param models the served models
 */
public record ZooConfig(
    String host,
    int httpPort,
    int grpcPort,
    int metricsPort,
    int maxRequestBytes,
    List<DeviceConfig> devices,
    List<ModelSpec> models) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_HTTP_PORT = 8000;
  public static final int DEFAULT_GRPC_PORT = 8001;
  public static final int DEFAULT_METRICS_PORT = 8002;
  public static final int DEFAULT_MAX_REQUEST_BYTES = 4 << 20;

  /** The embedding model's emulated-GPU profile: {@code T(b) = 20 ms + 0.5 ms × b}. */
  public static final BatchTimeProfile DEFAULT_EMBEDDING_PROFILE = new BatchTimeProfile(20, 0.5);

  public ZooConfig {
    Objects.requireNonNull(host, "host");
    checkPort("httpPort", httpPort);
    checkPort("grpcPort", grpcPort);
    checkPort("metricsPort", metricsPort);
    if (maxRequestBytes < 1024) {
      throw new IllegalArgumentException("maxRequestBytes must be >= 1024, was " + maxRequestBytes);
    }
    devices = List.copyOf(devices);
    models = List.copyOf(models);
    Set<String> deviceNames = new HashSet<>();
    for (DeviceConfig device : devices) {
      if (!deviceNames.add(device.name())) {
        throw new IllegalArgumentException("device '" + device.name() + "' is declared twice");
      }
    }
    Set<String> modelNames = new HashSet<>();
    for (ModelSpec model : models) {
      if (!modelNames.add(model.name())) {
        throw new IllegalArgumentException("model '" + model.name() + "' is declared twice");
      }
      for (InstancePlacement instance : model.instances()) {
        if (!deviceNames.contains(instance.device())) {
          throw new IllegalArgumentException(
              "model '" + model.name() + "' is placed on unknown device '" + instance.device() + "'");
        }
      }
    }
  }

  private static void checkPort(String field, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(field + " must be in 0..65535, was " + port);
    }
  }

  public static ZooConfig ofDefaults() {
    DynamicBatchingConfig cpuBatching = new DynamicBatchingConfig(32, List.of(), Duration.ZERO, 1024);
    DynamicBatchingConfig gpuBatching =
        new DynamicBatchingConfig(32, List.of(8, 16, 32), Duration.ofMillis(2), 1024);
    return new ZooConfig(
        DEFAULT_HOST,
        DEFAULT_HTTP_PORT,
        DEFAULT_GRPC_PORT,
        DEFAULT_METRICS_PORT,
        DEFAULT_MAX_REQUEST_BYTES,
        List.of(DeviceConfig.cpu(), DeviceConfig.emulatedGpu("gpu0"), DeviceConfig.emulatedGpu("gpu1")),
        List.of(
            new ModelSpec("embedding", "onnxruntime", gpuBatching,
                List.of(
                    new InstancePlacement("gpu0", DEFAULT_EMBEDDING_PROFILE),
                    new InstancePlacement("gpu1", DEFAULT_EMBEDDING_PROFILE))),
            new ModelSpec("svm", "liblinear", cpuBatching, List.of(InstancePlacement.onCpu())),
            new ModelSpec("bayes", "naive_bayes", cpuBatching, List.of(InstancePlacement.onCpu())),
            new ModelSpec("keyword", "lucene_bm25", cpuBatching, List.of(InstancePlacement.onCpu()))));
  }

  public ZooConfig withPorts(int http, int grpc, int metrics) {
    return new ZooConfig(host, http, grpc, metrics, maxRequestBytes, devices, models);
  }

  public ZooConfig withModels(List<ModelSpec> replacement) {
    return new ZooConfig(host, httpPort, grpcPort, metricsPort, maxRequestBytes, devices, replacement);
  }
}
