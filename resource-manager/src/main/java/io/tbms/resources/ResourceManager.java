package io.tbms.resources;

import com.hazelcast.core.HazelcastInstance;
import io.tbms.common.time.Clock;
import io.tbms.resources.internal.BackendTracker;
import io.tbms.resources.internal.LocalView;
import io.tbms.resources.internal.MetricsScraper;
import io.tbms.resources.internal.SharedState;
import io.tbms.resources.inventory.Device;
import io.tbms.resources.inventory.internal.KServeDiscovery;
import io.tbms.resources.nvidia.GpuReading;
import io.tbms.resources.nvidia.LocalGpus;
import io.tbms.resources.nvidia.NvidiaSmi;
import io.tbms.resources.placement.PlacementAdvisor;
import io.tbms.resources.placement.PlacementPolicy;
import io.tbms.resources.prometheus.ParsedMetrics;
import io.tbms.resources.prometheus.PrometheusText;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tracks the devices and replicas of the configured backends and shares them with the cluster.
 *
 * <p>Every {@code scrapeInterval} the cluster's oldest member (or a manager without a cluster)
 * scrapes each backend's metrics endpoint, rediscovers its models ({@code RepositoryIndex},
 * {@code ModelConfig}) every {@link ResourceManagerConfig#DISCOVERY_INTERVAL} or while it is down,
 * computes occupancy, and writes devices and replicas to the Hazelcast maps
 * {@code tbms.resources.devices} and {@code tbms.resources.replicas}. Every other member reads those
 * maps at the same interval. A backend that does not answer keeps its last known state, flagged
 * {@code down}. All I/O is non-blocking or runs on worker threads; ticks run on one event-loop
 * context of their own, one at a time.
 *
 * <p>The {@link ResourceView} methods read a volatile local snapshot and never block: call them from
 * any thread. Listeners registered with {@link #onOccupancy} run on the manager's event loop after
 * each scrape (other members: after each read that changed a device) and must not block.
 *
 * <p>The caller owns the Vert.x and Hazelcast instances; {@link #stop()} releases only what the
 * manager opened. A {@code null} Hazelcast instance runs the manager alone, without sharing.
 */
public final class ResourceManager implements ResourceView, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ResourceManager.class.getName());

  private final Vertx vertx;
  private final Context context;
  private final ResourceManagerConfig config;
  private final Clock clock;
  private final SharedState shared;
  private final MetricsScraper scraper;
  private final KServeDiscovery discovery;
  private final PlacementAdvisor advisor;
  private final Optional<NvidiaSmi> nvidiaSmi;
  private final List<BackendTracker> backends = new ArrayList<>();
  private final List<Consumer<OccupancyEvent>> listeners = new CopyOnWriteArrayList<>();
  private volatile LocalView view;
  private volatile List<GpuReading> localGpus = List.of();
  private long timerId = -1;
  private boolean ticking;
  private boolean stopped;

  private ResourceManager(Vertx vertx, Context context, ResourceManagerConfig config, HazelcastInstance hazelcast,
      Clock clock) {
    this.vertx = vertx;
    this.context = context;
    this.config = config;
    this.clock = clock;
    this.shared = new SharedState(hazelcast);
    Duration timeout = config.scrapeInterval().multipliedBy(5).compareTo(Duration.ofSeconds(2)) < 0
        ? Duration.ofSeconds(2) : config.scrapeInterval().multipliedBy(5);
    this.scraper = new MetricsScraper(vertx, timeout);
    this.discovery = new KServeDiscovery(vertx, timeout);
    this.advisor = new PlacementAdvisor(PlacementPolicy.of(config));
    this.nvidiaSmi = config.nvidiaSmi() ? NvidiaSmi.onPath() : Optional.empty();
    for (Target target : config.targets()) {
      backends.add(new BackendTracker(target, config.cpuCores(), config.gpuNames(), ResourceManagerConfig.DISCOVERY_INTERVAL));
    }
    this.view = new LocalView(ResourceSnapshot.empty(clock.wallMillis()));
  }

  /**
   * Starts tracking; the returned future completes after the first tick (scrape or read), whatever
   * the backends answered.
   *
   * @param hazelcast the cluster member to share state through; {@code null} to run alone
   */
  public static Future<ResourceManager> start(
      Vertx vertx, ResourceManagerConfig config, HazelcastInstance hazelcast, Clock clock) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Context context = vertx.getOrCreateContext();
    ResourceManager manager = new ResourceManager(vertx, context, config, hazelcast, clock);
    Promise<ResourceManager> started = Promise.promise();
    context.runOnContext(ignored -> manager.tick().onComplete(done -> {
      manager.timerId = vertx.setPeriodic(config.scrapeInterval().toMillis(), id -> manager.tick());
      started.complete(manager);
    }));
    return started.future();
  }

  /** Registers a listener for the devices' occupancy after each scrape. */
  public void onOccupancy(Consumer<OccupancyEvent> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public ResourceSnapshot snapshot() {
    return view.snapshot();
  }

  @Override
  public OptionalDouble deviceUsed(String host, String deviceName) {
    DeviceOccupancy device = view.device(Device.id(host, deviceName));
    return device == null || device.down() ? OptionalDouble.empty() : OptionalDouble.of(device.used());
  }

  @Override
  public boolean replicaDown(String model, String address) {
    ReplicaPlacement replica = view.replica(model, address);
    return replica != null && replica.down();
  }

  /** Cancels the timer and closes the clients the manager opened. */
  public Future<Void> stop() {
    Promise<Void> stopping = Promise.promise();
    context.runOnContext(ignored -> {
      stopped = true;
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
      }
      Future.join(scraper.close(), discovery.close()).<Void>mapEmpty().onComplete(stopping);
    });
    return stopping.future();
  }

  @Override
  public void close() {
    stop().toCompletionStage().toCompletableFuture().join();
  }

  private Future<Void> tick() {
    if (ticking || stopped) {
      return Future.succeededFuture();
    }
    ticking = true;
    Future<Void> done = shared.scrapes() ? scrapeAll() : readShared();
    return done.recover(failure -> {
      LOG.log(Level.WARNING, "resource manager tick failed", failure);
      return Future.succeededFuture();
    }).onComplete(ignored -> ticking = false);
  }

  private Future<Void> scrapeAll() {
    List<Future<Void>> scrapes = new ArrayList<>();
    for (BackendTracker backend : backends) {
      scrapes.add(scrape(backend));
    }
    if (nvidiaSmi.isPresent()) {
      scrapes.add(nvidiaSmi.get().query(vertx)
          .onSuccess(result -> localGpus = result.gpus())
          .<Void>mapEmpty().recover(failure -> Future.succeededFuture()));
    }
    return Future.join(scrapes).transform(ignored -> {
      List<DeviceOccupancy> devices = new ArrayList<>();
      List<ReplicaPlacement> replicas = new ArrayList<>();
      Map<String, String> uuids = new LinkedHashMap<>();
      for (BackendTracker backend : backends) {
        devices.addAll(backend.devices());
        replicas.addAll(backend.replicas());
        uuids.putAll(backend.gpuUuids());
      }
      if (!localGpus.isEmpty()) {
        devices = LocalGpus.merge(devices, uuids, localGpus, "local", clock.wallMillis());
      }
      publish(devices, replicas, true);
      List<DeviceOccupancy> written = devices;
      return vertx.executeBlocking(() -> {
        shared.write(written, replicas);
        return null;
      }, false).mapEmpty();
    });
  }

  private Future<Void> scrape(BackendTracker backend) {
    Target target = backend.target();
    return scraper.scrape(target.metricsUrl())
        .map(PrometheusText::parse)
        .compose(parsed -> backend.needsDiscovery(clock.nanoTime())
            ? discovery.models(target).map(models -> {
                backend.discovered(models, parsed, clock.nanoTime(), clock.wallMillis());
                return parsed;
              })
            : Future.succeededFuture(parsed))
        .onSuccess(parsed -> observe(backend, parsed))
        .onFailure(failure -> {
          LOG.log(Level.FINE, () -> target.kserveAddress() + " did not answer: " + failure);
          backend.failed();
        })
        .<Void>mapEmpty()
        .recover(failure -> Future.succeededFuture());
  }

  private void observe(BackendTracker backend, ParsedMetrics parsed) {
    if (!parsed.problems().isEmpty()) {
      LOG.fine(() -> backend.target().metricsUrl() + ": skipped lines " + parsed.problems());
    }
    backend.scraped(parsed, clock.nanoTime(), clock.wallMillis());
  }

  private Future<Void> readShared() {
    return vertx.executeBlocking(() -> new LocalView(
            new ResourceSnapshot(shared.devices(), shared.replicas(), List.of(), clock.wallMillis())), false)
        .onSuccess(read -> publish(read.snapshot().devices(), read.snapshot().replicas(), false))
        .mapEmpty();
  }

  private void publish(List<DeviceOccupancy> devices, List<ReplicaPlacement> replicas, boolean scraped) {
    LocalView before = view;
    view = new LocalView(new ResourceSnapshot(devices, replicas, advisor.advise(devices), clock.wallMillis()));
    for (DeviceOccupancy device : devices) {
      if (scraped || !device.equals(before.device(device.id()))) {
        OccupancyEvent event = new OccupancyEvent(device);
        for (Consumer<OccupancyEvent> listener : listeners) {
          try {
            listener.accept(event);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an occupancy listener failed", e);
          }
        }
      }
    }
  }
}
