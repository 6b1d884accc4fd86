package io.tbms.report;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.tbms.common.time.Clock;
import io.tbms.report.tuning.TuningLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The report channel of one broker: counts the {@link ReportEvent}s it is given, shares its counts
 * with the cluster every {@link ReportConfig#publishPeriod()} (Hazelcast map {@value #MAP}, one
 * entry per broker, expiring after the window), and renders the cluster's report on request.
 * {@link #accept} is thread-safe and never blocks; {@link #report()} reads the cluster off the
 * event loop.
 */
public final class ReportChannel implements Consumer<ReportEvent> {

  /** The Hazelcast map of the brokers' reports, keyed by member id. */
  public static final String MAP = "tbms.report.brokers";

  /** How many of the tuner's latest changes the report lists. */
  public static final int TUNING_SHOWN = 20;

  private final Vertx vertx;
  private final ReportConfig config;
  private final Clock clock;
  private final ReportRecorder recorder;
  private final IMap<String, BrokerReport> reports;
  private final String broker;
  private final Supplier<JsonObject> occupancy;
  private final Supplier<JsonObject> batchConfig;
  private final TuningLog tuning;
  private final long publisher;
  private final AtomicBoolean publishing = new AtomicBoolean();

  private ReportChannel(Vertx vertx, HazelcastInstance hazelcast, ReportConfig config, Clock clock,
      Supplier<JsonObject> occupancy, Supplier<JsonObject> batchConfig) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.broker = hazelcast.getCluster().getLocalMember().getUuid().toString();
    this.recorder = new ReportRecorder(broker, config, clock);
    this.reports = hazelcast.getMap(MAP);
    this.occupancy = occupancy;
    this.batchConfig = batchConfig;
    this.tuning = new TuningLog(hazelcast);
    this.publisher = vertx.setPeriodic(config.publishPeriod().toMillis(), id -> publish());
  }

  /**
   * Starts counting and sharing.
   *
   * @param occupancy the resource manager's view, {@code {"devices": [...], "advice": [...]}}; called per report
   * @param batchConfig per model, its live batch settings; called per report
   */
  public static ReportChannel start(Vertx vertx, HazelcastInstance hazelcast, ReportConfig config, Clock clock,
      Supplier<JsonObject> occupancy, Supplier<JsonObject> batchConfig) {
    return new ReportChannel(Objects.requireNonNull(vertx, "vertx"), Objects.requireNonNull(hazelcast, "hazelcast"),
        Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(occupancy, "occupancy"), Objects.requireNonNull(batchConfig, "batchConfig"));
  }

  @Override
  public void accept(ReportEvent event) {
    recorder.accept(event);
  }

  /** The cluster's report, the operator's view: every live broker's counts, this broker's as of now. */
  public Future<JsonObject> report() {
    return vertx.executeBlocking(() -> {
      JsonArray changes = new JsonArray();
      tuning.recent(TUNING_SHOWN).forEach(change -> changes.add(change.toJson()));
      return ReportView.render(brokers(), clock.wallMillis(), config, occupancy.get(), batchConfig.get())
          .put("tuning", changes);
    }, false);
  }

  /**
   * One instance's own report from the cluster's counts: its tasks, and the models it may use
   * ({@link ReportView#renderFor}).
   */
  public Future<JsonObject> reportFor(String instance, Set<String> models) {
    Objects.requireNonNull(instance, "instance");
    Set<String> allowed = Set.copyOf(models);
    return vertx.executeBlocking(
        () -> ReportView.renderFor(instance, allowed, brokers(), clock.wallMillis(), config, batchConfig.get()), false);
  }

  /** Every broker's latest counts, this broker's as of now. Blocks on the cluster. */
  private List<BrokerReport> brokers() {
    List<BrokerReport> all = new ArrayList<>();
    for (BrokerReport report : reports.values()) {
      if (!report.broker().equals(broker)) {
        all.add(report);
      }
    }
    all.add(recorder.export());
    return all;
  }

  /**
   * Shares this broker's counts, off the event loop: Hazelcast serializes the report on the
   * calling thread (Java serialization of every bucket), which must not hold up the queries of
   * the event loop the timer runs on. One publish at a time; a tick that finds one still running
   * is skipped.
   */
  private void publish() {
    if (!publishing.compareAndSet(false, true)) {
      return;
    }
    long ttlMillis = config.window().toMillis() + config.bucketMillis();
    vertx.executeBlocking(() -> {
      reports.set(broker, recorder.export(), ttlMillis, TimeUnit.MILLISECONDS);
      return null;
    }, false).onComplete(done -> publishing.set(false));
  }

  /** Stops sharing; this broker's last counts expire from the cluster with the window. */
  public void stop() {
    vertx.cancelTimer(publisher);
  }
}
