package io.tbms.broker.engine;

import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.Urgency;

/** Where queries that allow it share one {@code ModelInfer} per model (docs/design.md §4). */
@FunctionalInterface
public interface CrossBatching {

  /**
   * Adds one text to the model's open batch.
   *
   * @param waitUntilNanos the latest monotonic time the batch may wait for more members
   * @param classScores whether the text's answer should carry class scores (the batch's call asks
   *     for them when any of its texts does)
   * @param urgency the query's deadline and priority (the batch's call carries its members'
   *     {@linkplain Urgency#join joined} urgency)
   */
  BackendCall submit(String model, String version, String text, long waitUntilNanos, boolean classScores,
      Urgency urgency);
}
