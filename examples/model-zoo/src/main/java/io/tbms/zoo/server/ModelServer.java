package io.tbms.zoo.server;

import com.sun.management.OperatingSystemMXBean;
import io.tbms.common.time.Clock;
import io.tbms.protocol.transport.GrpcServers;
import io.tbms.zoo.device.DeviceConfig;
import io.tbms.zoo.device.DeviceKind;
import io.tbms.zoo.device.EmulatedGpu;
import io.tbms.zoo.metrics.TritonMetricsFormat;
import io.tbms.zoo.model.TextModel;
import io.tbms.zoo.repository.InstancePlacement;
import io.tbms.zoo.repository.ModelRepository;
import io.tbms.zoo.repository.ModelSpec;
import io.tbms.zoo.runtime.ModelRunner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference model server: a KServe v2 server that behaves like Triton from the outside.
 * HTTP/REST, gRPC and Prometheus metrics on three ports of one host, serving the given trained
 * models with dynamic batching on CPU and emulated-GPU devices.
 *
 * <p>Start with {@link #start}; {@link #close} stops the listeners (the caller owns the Vert.x
 * instance and the models).
 */
public final class ModelServer implements AutoCloseable {

  public static final String NAME = "tbms-model-zoo";
  public static final String VERSION = "0.1.0";

  /** Stream resets (cancelled calls) a gRPC connection may send per 30 s before it is closed. */
  public static final int RST_FRAMES_PER_WINDOW = 1_000_000;

  /** Calls one gRPC connection may have in flight at once. */
  public static final long MAX_CONCURRENT_STREAMS = 100_000;
  /** The Triton protocol extensions this server implements. */
  public static final List<String> EXTENSIONS =
      List.of("classification", "model_repository", "model_configuration", "statistics");

  private final ZooConfig config;
  private final ModelRepository repository;
  private final Map<String, EmulatedGpu> gpus;
  private final WorkerExecutor compute;
  private final List<HttpServer> servers = new ArrayList<>();

  private ModelServer(ZooConfig config, ModelRepository repository, Map<String, EmulatedGpu> gpus, WorkerExecutor compute) {
    this.config = config;
    this.repository = repository;
    this.gpus = gpus;
    this.compute = compute;
  }

  /**
   * Starts the three listeners.
   *
   * @param models the trained models by name; every model in {@code config} must be present
   */
  public static Future<ModelServer> start(Vertx vertx, ZooConfig config, Map<String, TextModel> models, Clock clock) {
    Map<String, EmulatedGpu> gpus = new LinkedHashMap<>();
    for (DeviceConfig device : config.devices()) {
      if (device.kind() == DeviceKind.GPU) {
        gpus.put(device.name(), new EmulatedGpu(device, clock, EmulatedGpu.DEFAULT_WINDOW));
      }
    }
    int instances = config.models().stream().mapToInt(m -> m.instances().size()).sum();
    WorkerExecutor compute = vertx.createSharedWorkerExecutor("tbms-zoo-compute", Math.max(1, instances));
    List<ModelRunner> runners = new ArrayList<>();
    for (ModelSpec spec : config.models()) {
      TextModel model = models.get(spec.name());
      if (model == null) {
        return Future.failedFuture(new IllegalArgumentException("no trained model named '" + spec.name() + "'"));
      }
      List<EmulatedGpu> placement = new ArrayList<>();
      for (InstancePlacement instance : spec.instances()) {
        EmulatedGpu gpu = gpus.get(instance.device());
        if (gpu != null) {
          gpu.addMemoryUsed(model.footprintBytes());
        }
        placement.add(gpu);
      }
      runners.add(new ModelRunner(spec, model, placement, vertx, compute, clock));
    }
    ModelServer server = new ModelServer(config, new ModelRepository(runners), gpus, compute);
    return server.listen(vertx).map(server);
  }

  private Future<Void> listen(Vertx vertx) {
    HttpServerOptions options = new HttpServerOptions().setHost(config.host());
    HttpServer http = vertx.createHttpServer(new HttpServerOptions(options).setPort(config.httpPort()))
        .requestHandler(new RestRoutes(repository, config).router(vertx));
    // callers cancel calls they no longer need (a broker, hundreds a second): that is traffic,
    // not an HTTP/2 rapid-reset attack, so the flood guard is set far above it
    HttpServer grpc = GrpcServers.keepConnectionsThroughCancels(vertx.createHttpServer(new HttpServerOptions(options).setPort(config.grpcPort())
            .setHttp2RstFloodMaxRstFramePerWindow(RST_FRAMES_PER_WINDOW)
            // a broker multiplexes every call on one connection: refusing streams beyond HTTP/2's
            // usual 100 would reset them, and a client closes a connection that resets too often
            .setInitialSettings(new io.vertx.core.http.Http2Settings().setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS))))
        .requestHandler(GrpcInference.server(vertx, repository, config));
    HttpServer metrics = vertx.createHttpServer(new HttpServerOptions(options).setPort(config.metricsPort()))
        .requestHandler(req -> {
          if ("/metrics".equals(req.path())) {
            req.response().putHeader("content-type", TritonMetricsFormat.CONTENT_TYPE).end(metricsText());
          } else {
            req.response().setStatusCode(404).end();
          }
        });
    servers.add(http);
    servers.add(grpc);
    servers.add(metrics);
    return Future.all(http.listen(), grpc.listen(), metrics.listen())
        .recover(failure -> stop().transform(ignored -> Future.failedFuture(bindError(failure))))
        .mapEmpty();
  }

  private Throwable bindError(Throwable failure) {
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    if (message.contains("Address already in use") || message.contains("BindException")) {
      return new IllegalStateException(
          "cannot listen on " + config.host() + " ports " + config.httpPort() + "/" + config.grpcPort() + "/"
              + config.metricsPort() + ": a port is already in use (choose others with --http-port, --grpc-port, --metrics-port)",
          failure);
    }
    return failure;
  }

  /** The Prometheus text of {@code /metrics} at this moment. */
  public String metricsText() {
    List<TritonMetricsFormat.ModelSeries> models = new ArrayList<>();
    for (ModelRunner runner : repository.all()) {
      models.add(new TritonMetricsFormat.ModelSeries(runner.spec().name(), ModelSpec.VERSION, runner.stats().snapshot()));
    }
    List<TritonMetricsFormat.GpuSeries> series = new ArrayList<>();
    for (EmulatedGpu gpu : gpus.values()) {
      series.add(new TritonMetricsFormat.GpuSeries(
          gpu.config().uuid(), gpu.utilisation(), gpu.memoryUsedBytes(), gpu.config().memoryTotalBytes()));
    }
    return TritonMetricsFormat.render(models, series, cpuSeries());
  }

  /**
   * The host's recent CPU load (the process's where the host's is not available) and memory, as
   * the operating system reports them.
   */
  static TritonMetricsFormat.CpuSeries cpuSeries() {
    if (!(ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os)) {
      return new TritonMetricsFormat.CpuSeries(0, 0, 0);
    }
    double load = os.getCpuLoad();
    if (!(load >= 0)) {
      load = os.getProcessCpuLoad();
    }
    long total = os.getTotalMemorySize();
    long used = Math.max(0, total - os.getFreeMemorySize());
    return new TritonMetricsFormat.CpuSeries(load >= 0 ? load : 0, used, total);
  }

  public ModelRepository repository() {
    return repository;
  }

  public ZooConfig config() {
    return config;
  }

  public int httpPort() {
    return servers.get(0).actualPort();
  }

  public int grpcPort() {
    return servers.get(1).actualPort();
  }

  public int metricsPort() {
    return servers.get(2).actualPort();
  }

  /** Stops listening; queued requests still complete or fail. */
  public Future<Void> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    for (HttpServer server : servers) {
      closing.add(server.close());
    }
    closing.add(compute.close());
    return Future.join(closing).mapEmpty();
  }

  @Override
  public void close() {
    stop().await();
  }
}
