package io.tbms.broker;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tbms.broker.admission.Admission;
import io.tbms.broker.auth.SignatureVerifier;
import io.tbms.broker.backend.Backends;
import io.tbms.broker.backend.DeviceAwareChooser;
import io.tbms.broker.backend.DeviceLoad;
import io.tbms.broker.backend.ReplicaStatus;
import io.tbms.broker.batching.BatchingBackend;
import io.tbms.broker.batching.CrossBatchConfig;
import io.tbms.broker.batching.ModelBatching;
import io.tbms.broker.cluster.ClusterMember;
import io.tbms.broker.config.BrokerConfig;
import io.tbms.broker.config.InstanceConfig;
import io.tbms.broker.downgrade.DowngradePolicy;
import io.tbms.broker.engine.QueryEngine;
import io.tbms.broker.engine.QueryObserver;
import io.tbms.broker.front.Authenticator;
import io.tbms.broker.front.FrontVerticle;
import io.tbms.broker.front.GroupNames;
import io.tbms.broker.front.GrpcRoutes;
import io.tbms.broker.front.HttpRoutes;
import io.tbms.broker.front.TaskNames;
import io.tbms.broker.front.TryService;
import io.tbms.broker.lag.LocalLagStats;
import io.tbms.broker.lag.ReadyGatedLagStats;
import io.tbms.broker.lag.internal.SharedLagStats;
import io.tbms.broker.metrics.BrokerMetrics;
import io.tbms.broker.metrics.LiveGauges;
import io.tbms.broker.metrics.MetricNames;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ModelConfigJson;
import io.tbms.broker.registry.ModelRegistry;
import io.tbms.broker.registry.internal.HazelcastModelRegistry;
import io.tbms.broker.registry.internal.RegistryStateFile;
import io.tbms.broker.report.ReportingObserver;
import io.tbms.broker.warmup.WarmUp;
import io.tbms.broker.warmup.WarmUpConfig;
import io.tbms.broker.warmup.ReadinessCheck;
import io.tbms.common.time.Clock;
import io.tbms.report.ReportChannel;
import io.tbms.report.ReportConfig;
import io.tbms.report.ReportEvent;
import io.tbms.report.ResourceMetrics;
import io.tbms.report.web.DashboardAssets;
import io.tbms.report.web.ReportRoutes;
import io.tbms.resources.ResourceManager;
import io.tbms.resources.ResourceSnapshot;
import io.tbms.resources.ResourceView;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.grpc.health.HealthService;
import io.vertx.grpc.reflection.ReflectionService;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import java.util.OptionalDouble;

/**
 * A running broker: its embedded cluster member (registry, live config, lag statistics), its
 * backends, the query engine and the front on one port. {@link #start} wires them from a {@link
 * BrokerConfig}; {@link #stop} takes them down in reverse order.
 */
public final class BrokerServer {

  /** How often this broker shares its lag statistics with the cluster. */
  public static final Duration LAG_PUBLISH_PERIOD = Duration.ofMillis(250);

  private static final Logger LOG = Logger.getLogger(BrokerServer.class.getName());

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final ModelRegistry registry;
  private final Backends backends;
  private final WarmUp warmUp;
  private final SharedLagStats lag;
  private final PrometheusMeterRegistry meters;
  private final ReportChannel report;
  private final ResourceManager resources;
  private final Clock clock;
  private final long publisher;
  private final int port;
  private final String deployment;

  private BrokerServer(Vertx vertx, HazelcastInstance hazelcast, ModelRegistry registry, Backends backends,
      WarmUp warmUp, SharedLagStats lag, PrometheusMeterRegistry meters, ReportChannel report, ResourceManager resources,
      Clock clock, long publisher, int port, String deployment) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.registry = registry;
    this.backends = backends;
    this.warmUp = warmUp;
    this.lag = lag;
    this.meters = meters;
    this.report = report;
    this.resources = resources;
    this.clock = clock;
    this.publisher = publisher;
    this.port = port;
    this.deployment = deployment;
  }

  /** Starts a broker: joins (or forms) its cluster, seeds the registry, then listens. */
  public static Future<BrokerServer> start(Vertx vertx, BrokerConfig config, Clock clock) {
    return vertx.executeBlocking(() -> ClusterMember.start(config.cluster()))
        .compose(hazelcast -> ResourceManager.start(vertx, config.resources().withTargets(config.resourceTargets()),
                hazelcast, clock)
            .compose(resources -> start(vertx, config, clock, hazelcast, resources)
                .onFailure(e -> resources.stop()))
            .onFailure(e -> vertx.executeBlocking(() -> {
              hazelcast.shutdown();
              return null;
            })));
  }

  private static Future<BrokerServer> start(Vertx vertx, BrokerConfig config, Clock clock, HazelcastInstance hazelcast,
      ResourceManager resources) {
    ModelRegistry registry = new HazelcastModelRegistry(hazelcast);
    RegistryStateFile stateFile =
        config.cluster().stateFile() == null ? null : new RegistryStateFile(config.cluster().stateFile());
    Map<String, ModelConfig> saved = stateFile == null || !registry.models().isEmpty() ? Map.of() : stateFile.load();
    for (ModelConfig model : config.models()) {
      if (registry.model(model.name()).isEmpty()) { // the cluster's live config wins over the file
        ModelConfig kept = saved.get(model.name()); // on a cold start, the state file's live batching does
        registry.register(kept == null ? model : model.withBatching(kept.batchSize(), kept.maxQueueDelay()));
      }
    }
    if (stateFile != null) {
      registry.onChange(models -> saveState(vertx, stateFile, models));
      saveState(vertx, stateFile, registry.models());
    }
    SharedLagStats lag = new SharedLagStats(new LocalLagStats(config.lagWindow(), config.lagQuantile()), hazelcast, clock);
    Backends backends = Backends.create(registry.models(), vertx, clock, config.backend(), 
        new DeviceAwareChooser(deviceLoad(resources), config.resources().roomThreshold()));
    registry.onChange(backends::update);
    WarmUp warmUp = WarmUp.start(vertx, backends, WarmUpConfig.ofDefaults(), clock);
    registry.onChange(models -> warmUp.warmNew());
    ReadinessCheck readiness = new ReadinessCheck(() -> registry.models().keySet(), backends::circuitOpen,
        warmUp.state(), () -> hazelcast.getLifecycleService().isRunning());

    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    BrokerMetrics metrics = new BrokerMetrics(meters);
    LiveGauges gauges = new LiveGauges(meters, backends, lag, clock);
    gauges.refresh(registry.models().keySet());
    registry.onChange(models -> gauges.refresh(models.keySet()));
    ResourceMetrics resourceMetrics = new ResourceMetrics(meters);
    resources.onOccupancy(event -> resourceMetrics.update(resources.snapshot()));
    ReportChannel report = ReportChannel.start(vertx, hazelcast, ReportConfig.ofDefaults(), clock,
        () -> occupancy(resources.snapshot()), () -> batchConfig(registry));
    backends.onCircuitChange((model, address, state) -> report.accept(new ReportEvent.CircuitChanged(model, address, state.name())));
    DashboardAssets dashboard = new DashboardAssets();

    Admission admission = new Admission(config.admission(), clock);
    Gauge.builder(MetricNames.ADMISSION_LIMIT, admission::limit).description("The adaptive limit on model calls in flight")
        .register(meters);
    Gauge.builder(MetricNames.ADMISSION_INFLIGHT, admission::inflight).description("Model calls in flight")
        .register(meters);
    BatchingBackend batching = new BatchingBackend(vertx, backends, new ModelBatching(
        model -> registry.model(model).map(ModelConfig::batchSize).orElse(1),
        model -> registry.model(model).map(ModelConfig::maxQueueDelay).orElse(null),
        model -> registry.model(model).map(ModelConfig::devices).orElse(1)), CrossBatchConfig.ofDefaults(), clock);
    GroupNames groups = new GroupNames(config.instances(), GroupNames.DEFAULT_LIMIT);
    // samples of the cold start (before the warm-up is done) would keep a model skipped after it
    QueryEngine engine = new QueryEngine(vertx, clock, config.margin(), backends, batching::submit,
        new ReadyGatedLagStats(lag, warmUp.state()::done), new DowngradePolicy(config.lagMinChance()), admission,
        groups.bounding(QueryObserver.all(metrics, new ReportingObserver(report))));
    Map<String, InstanceConfig> instances = new HashMap<>();
    config.instances().forEach(instance -> instances.put(instance.name(), instance));
    TryService service = new TryService(registry, instances, engine, admission, config.defaultPriority(),
        new TaskNames(config.instances(), TaskNames.DEFAULT_LIMIT));
    Authenticator auth = new Authenticator(new SignatureVerifier(config.credentials(), clock, SignatureVerifier.DEFAULT_WINDOW));

    int port;
    try {
      port = config.port() != 0 ? config.port() : freePort(config.host());
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(port)
        .setHttp2ClearTextEnabled(true)
        // clients that give up on calls cancel them; that is traffic, not a rapid-reset attack
        .setHttp2RstFloodMaxRstFramePerWindow(1_000_000);
    long publisher = vertx.setPeriodic(LAG_PUBLISH_PERIOD.toMillis(),
        id -> vertx.executeBlocking(() -> {
          lag.publish();
          return null;
        }, false));
    BrokerServer[] self = new BrokerServer[1];
    int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
    return vertx.deployVerticle(() -> new FrontVerticle(options,
            v -> {
              Router router = HttpRoutes.router(v, clock, config.maxBodyBytes(), auth, service, readiness,
                  meters::scrape, () -> self[0].modelsJson(), metrics::onRefused,
                  instance -> report.reportFor(instance, instances.get(instance).models()));
              ReportRoutes.mount(router, report, () -> resources.snapshot().toJson(), dashboard);
              return router;
            },
            v -> grpcServer(v, config, clock, auth, service, metrics)),
        new DeploymentOptions().setInstances(loops))
        .recover(e -> {
          vertx.cancelTimer(publisher);
          report.stop();
          return Future.failedFuture(e instanceof java.net.BindException
              ? new java.net.BindException("port " + port + " on " + config.host() + " is in use: " + e.getMessage()) : e);
        })
        .map(id -> {
          self[0] = new BrokerServer(vertx, hazelcast, registry, backends, warmUp, lag, meters, report, resources, clock,
              publisher, port, id);
          return self[0];
        });
  }

  /** A port free now on {@code host}, for a front configured with port 0 (all instances share it). */
  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
  }

  private static GrpcServer grpcServer(Vertx vertx, BrokerConfig config, Clock clock, Authenticator auth,
      TryService service, BrokerMetrics metrics) {
    GrpcServer server = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(config.maxBodyBytes()));
    server.addService(new GrpcRoutes(clock, auth, service, metrics::onRefused));
    server.addService(ReflectionService.v1());
    server.addService(HealthService.create(vertx));
    return server;
  }

  public int port() {
    return port;
  }

  public ModelRegistry registry() {
    return registry;
  }

  public HazelcastInstance hazelcast() {
    return hazelcast;
  }

  public Backends backends() {
    return backends;
  }

  /**
   * Completes when the start-up warm-up is over: every replica of every model has answered its
   * warm-up call, failed it or run past its timeout. {@code /readyz} turns green then, if a
   * replica answered (see {@link ReadinessCheck}).
   */
  public Future<Void> warmedUp() {
    return warmUp.settled();
  }

  JsonObject modelsJson() {
    JsonArray models = new JsonArray();
    long now = clock.nanoTime();
    for (ModelConfig model : registry.models().values()) {
      JsonObject json = ModelConfigJson.toJson(model);
      lag.lag(model.name(), now).ifPresentOrElse(l -> json.put("lag_ms", l / 1e6), () -> json.putNull("lag_ms"));
      JsonArray replicas = new JsonArray();
      for (ReplicaStatus status : backends.status(model.name())) {
        replicas.add(new JsonObject()
            .put("address", status.replica().address())
            .put("device", status.replica().device())
            .put("circuit", status.circuit().name())
            .put("outstanding", status.outstanding())
            .put("failure_rate_percent", status.failureRatePercent() < 0 ? null : (double) status.failureRatePercent()));
      }
      models.add(json.put("replica_status", replicas));
    }
    return new JsonObject().put("models", models);
  }

  /** The resource manager's view as the broker's replica chooser reads it. */
  static DeviceLoad deviceLoad(ResourceView view) {
    return new DeviceLoad() {
      @Override
      public OptionalDouble used(String host, String device) {
        return view.deviceUsed(host, device);
      }

      @Override
      public boolean down(String model, String address) {
        return view.replicaDown(model, address);
      }
    };
  }

  /** The devices and the placement advice, for the report. */
  static JsonObject occupancy(ResourceSnapshot snapshot) {
    JsonObject json = snapshot.toJson();
    return new JsonObject().put("devices", json.getJsonArray("devices")).put("advice", json.getJsonArray("advice"));
  }

  /** The resource manager: devices, replicas, occupancy and placement advice. */
  public ResourceView resources() {
    return resources;
  }

  /** Writes the registry to the state file off the event loop; a failure is logged, never fatal. */
  private static void saveState(Vertx vertx, RegistryStateFile state, Map<String, ModelConfig> models) {
    vertx.executeBlocking(() -> {
      state.save(models.values());
      return null;
    }, true).onFailure(e -> LOG.warning("cannot write the cluster state file " + state.path() + ": " + e));
  }

  /** Per model, its live batch settings, for the report. */
  static JsonObject batchConfig(ModelRegistry registry) {
    JsonObject config = new JsonObject();
    for (ModelConfig model : registry.models().values()) {
      config.put(model.name(), new JsonObject()
          .put("batch_size", model.batchSize())
          .put("max_queue_delay_ms", model.maxQueueDelay() == null ? null : model.maxQueueDelay().toNanos() / 1e6));
    }
    return config;
  }

  /** The report channel: the cluster's counts and the report view. */
  public ReportChannel report() {
    return report;
  }

  /** Stops listening, closes the backends and leaves the cluster. */
  public Future<Void> stop() {
    vertx.cancelTimer(publisher);
    report.stop();
    return vertx.undeploy(deployment).recover(e -> Future.succeededFuture())
        .compose(v -> resources.stop().recover(e -> Future.succeededFuture()))
        .compose(v -> backends.close())
        .compose(v -> vertx.executeBlocking(() -> {
          hazelcast.shutdown();
          return null;
        }));
  }


}
