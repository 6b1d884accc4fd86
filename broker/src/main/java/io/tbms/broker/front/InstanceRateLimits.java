package io.tbms.broker.front;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.tbms.broker.config.InstanceConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Each instance's {@code max_queries_per_s} on this broker, as a Resilience4j {@link RateLimiter}
 * that never waits: a query over the limit is refused at once (429 / {@code RESOURCE_EXHAUSTED},
 * retry after a second). The limit is per broker, so a cluster of N brokers behind a balancer
 * admits up to N times it. Thread-safe.
 */
final class InstanceRateLimits {

  private final Map<String, RateLimiter> limiters = new HashMap<>();
  private final Map<String, Double> limits = new HashMap<>();

  InstanceRateLimits(Map<String, InstanceConfig> instances) {
    instances.forEach((name, instance) -> {
      double qps = instance.maxQueriesPerSecond();
      if (qps > 0) {
        int perPeriod = (int) Math.ceil(qps);
        limiters.put(name, RateLimiter.of("tbms-" + name, RateLimiterConfig.custom()
            .limitForPeriod(perPeriod)
            .limitRefreshPeriod(Duration.ofNanos(Math.round(perPeriod / qps * 1e9)))
            .timeoutDuration(Duration.ZERO)
            .build()));
        limits.put(name, qps);
      }
    });
  }

  /** Empty when the instance may send one more query now, else the refusal. */
  Optional<RefusedException> acquire(String instance) {
    RateLimiter limiter = limiters.get(instance);
    if (limiter == null || limiter.acquirePermission()) {
      return Optional.empty();
    }
    return Optional.of(new RefusedException(Refusal.RATE_LIMITED, null, String.format(Locale.ROOT,
        "instance '%s' is over its limit of %s queries/s on this broker; retry after %d s", instance,
        number(limits.get(instance)), Refusal.RETRY_AFTER_SECONDS)));
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
