package io.tbms.report;

import io.tbms.common.time.Clock;
import io.tbms.report.internal.BucketRing;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One broker's side of the report channel: takes {@link ReportEvent}s from any thread, counts them
 * into wall-clock buckets and exports a {@link BrokerReport} of the window. Thread-safe: events are
 * counted under one lock (a few map updates each), so callers on event loops never wait long.
 */
public final class ReportRecorder implements Consumer<ReportEvent> {

  private final Clock clock;
  private final ReportConfig config;
  private final String broker;
  private final BucketRing ring;
  private final Map<String, Map<String, String>> circuits = new HashMap<>();

  public ReportRecorder(String broker, ReportConfig config, Clock clock) {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ring = new BucketRing(config.buckets());
  }

  @Override
  public void accept(ReportEvent event) {
    long index = clock.wallMillis() / config.bucketMillis();
    synchronized (this) {
      if (event instanceof ReportEvent.Answered a) {
        ring.answered(index, a.key(), a.model(), a.rank());
      } else if (event instanceof ReportEvent.Skipped s) {
        ring.skipped(index, s.key());
      } else if (event instanceof ReportEvent.Shed s) {
        ring.shed(index, s.key());
      } else if (event instanceof ReportEvent.Wanted w) {
        ring.wanted(index, w.model());
      } else if (event instanceof ReportEvent.LagSample l) {
        ring.lag(index, l.model(), l.lagNanos());
      } else if (event instanceof ReportEvent.CircuitChanged c) {
        circuits.computeIfAbsent(c.model(), m -> new HashMap<>()).put(c.replica(), c.state());
      }
    }
  }

  /** This broker's counts over the window, as of now. */
  public BrokerReport export() {
    long now = clock.wallMillis();
    long oldest = now / config.bucketMillis() - config.buckets() + 1;
    synchronized (this) {
      Map<String, Map<String, String>> circuitCopy = new HashMap<>();
      circuits.forEach((model, replicas) -> circuitCopy.put(model, Map.copyOf(replicas)));
      return new BrokerReport(broker, now, ring.freezeFrom(oldest), circuitCopy);
    }
  }
}
