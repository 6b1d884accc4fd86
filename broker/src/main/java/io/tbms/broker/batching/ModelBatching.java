package io.tbms.broker.batching;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Each model's live batching settings, by model name, as {@link BatchingBackend} reads them: the
 * batch size and the concurrency at every decision, the queue-delay cap at every submit (the
 * tuner and the registry change them while the broker runs).
 *
 * @param batchSize the most texts one shared call carries; values below 1 count as 1
 * @param maxQueueDelay the longest a text waits for its batch ({@code null}: no cap beyond its own
 *     wait)
 * @param concurrency how many calls the model runs side by side (one per device of its replicas):
 *     while fewer of the adapter's calls to it are in flight, a text is sent at once, without
 *     waiting for companions; values below 0 count as 0 (always wait)
 */
public record ModelBatching(
    ToIntFunction<String> batchSize, Function<String, Duration> maxQueueDelay, ToIntFunction<String> concurrency) {

  public ModelBatching {
    Objects.requireNonNull(batchSize, "batchSize");
    Objects.requireNonNull(maxQueueDelay, "maxQueueDelay");
    Objects.requireNonNull(concurrency, "concurrency");
  }

  /** Every model alike: this batch size, no queue-delay cap, this concurrency. */
  public static ModelBatching uniform(int batchSize, int concurrency) {
    return new ModelBatching(model -> batchSize, model -> null, model -> concurrency);
  }
}
