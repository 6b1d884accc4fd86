package io.tbms.report;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.tbms.resources.DeviceOccupancy;
import io.tbms.resources.ResourceSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Device occupancy as gauges ({@link ReportMetricNames}): one row per device and per model on a
 * device. {@link #update} replaces the rows with a snapshot's (devices come and go with
 * discovery); call it after each scrape (again with the same snapshot: nothing is redone).
 * Thread-safe.
 */
public final class ResourceMetrics {

  private final MultiGauge used;
  private final MultiGauge free;
  private final MultiGauge share;
  private final MultiGauge down;
  private ResourceSnapshot last;

  public ResourceMetrics(MeterRegistry registry) {
    used = MultiGauge.builder(ReportMetricNames.DEVICE_USED).description("The share of the device in use")
        .baseUnit("ratio").register(registry);
    free = MultiGauge.builder(ReportMetricNames.DEVICE_FREE).description("The share of the device free")
        .baseUnit("ratio").register(registry);
    share = MultiGauge.builder(ReportMetricNames.MODEL_SHARE).description("The share of the device one model uses")
        .baseUnit("ratio").register(registry);
    down = MultiGauge.builder(ReportMetricNames.DEVICE_DOWN).description("Whether the device's server does not answer")
        .register(registry);
  }

  public synchronized void update(ResourceSnapshot snapshot) {
    if (snapshot == last) {
      return; // the resource manager tells of each device of one scrape
    }
    last = snapshot;
    List<MultiGauge.Row<?>> usedRows = new ArrayList<>();
    List<MultiGauge.Row<?>> freeRows = new ArrayList<>();
    List<MultiGauge.Row<?>> shareRows = new ArrayList<>();
    List<MultiGauge.Row<?>> downRows = new ArrayList<>();
    for (DeviceOccupancy device : snapshot.devices()) {
      Tags tags = Tags.of("device", device.id(), "kind", device.kind().name());
      usedRows.add(MultiGauge.Row.of(tags, device.used()));
      freeRows.add(MultiGauge.Row.of(tags, device.free()));
      downRows.add(MultiGauge.Row.of(Tags.of("device", device.id()), device.down() ? 1 : 0));
      device.models().forEach((model, value) ->
          shareRows.add(MultiGauge.Row.of(Tags.of("device", device.id(), "model", model), value)));
    }
    used.register(usedRows, true);
    free.register(freeRows, true);
    share.register(shareRows, true);
    down.register(downRows, true);
  }
}
