package io.tbms.broker.metrics;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.tbms.broker.backend.Backends;
import io.tbms.broker.backend.ReplicaStatus;
import io.tbms.broker.lag.LagStats;
import io.tbms.common.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The broker's gauges whose rows follow the registry: the lag quantile per model and whether each
 * replica's circuit is open. {@link #refresh} re-lists the rows (call it when the registry
 * changes); values are read at scrape time.
 */
public final class LiveGauges {

  private final Backends backends;
  private final LagStats lag;
  private final Clock clock;
  private final MultiGauge lagQuantile;
  private final MultiGauge circuitOpen;

  public LiveGauges(MeterRegistry registry, Backends backends, LagStats lag, Clock clock) {
    this.backends = backends;
    this.lag = lag;
    this.clock = clock;
    this.lagQuantile = MultiGauge.builder(MetricNames.MODEL_LAG_QUANTILE)
        .description("The observed-lag quantile the downgrade policy uses now").baseUnit("seconds").register(registry);
    this.circuitOpen = MultiGauge.builder(MetricNames.CIRCUIT_OPEN)
        .description("Whether a replica's circuit is open (1) or not (0)").register(registry);
  }

  /** Lists a row per model and per replica of {@code models}. */
  public void refresh(Set<String> models) {
    List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
    List<MultiGauge.Row<?>> circuitRows = new ArrayList<>();
    for (String model : models) {
      lagRows.add(MultiGauge.Row.of(Tags.of("model", model), () -> lag.lag(model, clock.nanoTime()).orElse(0) / 1e9));
      for (ReplicaStatus status : backends.status(model)) {
        String address = status.replica().address();
        circuitRows.add(MultiGauge.Row.of(Tags.of("model", model, "replica", address), () -> open(model, address)));
      }
    }
    lagQuantile.register(lagRows, true);
    circuitOpen.register(circuitRows, true);
  }

  private int open(String model, String address) {
    for (ReplicaStatus status : backends.status(model)) {
      if (status.replica().address().equals(address)) {
        CircuitBreaker.State state = status.circuit();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN ? 1 : 0;
      }
    }
    return 0;
  }
}
