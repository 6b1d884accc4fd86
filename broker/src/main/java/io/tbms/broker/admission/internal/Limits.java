package io.tbms.broker.admission.internal;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import io.tbms.broker.admission.AdmissionConfig;

/** Builds the concurrency-limits {@link Limit} an {@link AdmissionConfig} names. */
public final class Limits {

  private Limits() {}

  public static Limit create(AdmissionConfig config) {
    return switch (config.algorithm()) {
      case GRADIENT2 -> Gradient2Limit.newBuilder()
          .initialLimit(config.initialLimit())
          .minLimit(config.minLimit())
          .maxConcurrency(config.maxLimit())
          .build();
      case VEGAS -> VegasLimit.newBuilder()
          .initialLimit(config.initialLimit())
          .maxConcurrency(config.maxLimit())
          .build();
      case FIXED -> FixedLimit.of(config.initialLimit());
    };
  }
}
