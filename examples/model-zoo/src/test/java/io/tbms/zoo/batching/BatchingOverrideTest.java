package io.tbms.zoo.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BatchingOverrideTest {

  private static final DynamicBatchingConfig CURRENT =
      new DynamicBatchingConfig(32, List.of(8, 16, 32), Duration.ofMillis(2), 1024);

  @Test
  void keepsEveryFieldThatIsAbsent() {
    assertThat(BatchingOverride.NONE.applyTo(CURRENT)).isEqualTo(CURRENT);
    BatchingOverride delayOnly =
        new BatchingOverride(OptionalInt.empty(), Optional.empty(), Optional.of(Duration.ofMillis(7)));
    assertThat(delayOnly.applyTo(CURRENT))
        .isEqualTo(new DynamicBatchingConfig(32, List.of(8, 16, 32), Duration.ofMillis(7), 1024));
  }

  @Test
  void replacesThePresentFieldsAndKeepsTheQueueSize() {
    BatchingOverride all = new BatchingOverride(OptionalInt.of(16), Optional.of(List.of(4)), Optional.of(Duration.ZERO));
    assertThat(all.applyTo(CURRENT)).isEqualTo(new DynamicBatchingConfig(16, List.of(4), Duration.ZERO, 1024));
  }

  @Test
  void sortsAndDeduplicatesPreferredSizesAndAnEmptyListClearsThem() {
    BatchingOverride unordered = new BatchingOverride(OptionalInt.empty(), Optional.of(List.of(16, 4, 16)), Optional.empty());
    assertThat(unordered.applyTo(CURRENT).preferredBatchSizes()).containsExactly(4, 16);
    BatchingOverride cleared = new BatchingOverride(OptionalInt.empty(), Optional.of(List.of()), Optional.empty());
    assertThat(cleared.applyTo(CURRENT).preferredBatchSizes()).isEmpty();
    assertThat(cleared.applyTo(CURRENT).targetBatchSize()).isEqualTo(32);
  }

  @Test
  void refusesAPreferredSizeAboveTheMaximumNamingTheField() {
    BatchingOverride tooLarge = new BatchingOverride(OptionalInt.of(8), Optional.of(List.of(4, 16)), Optional.empty());
    assertThatThrownBy(() -> tooLarge.applyTo(CURRENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dynamic_batching.preferred_batch_size")
        .hasMessageContaining("1..8");
  }

  @Test
  void refusesAMaximumBelowTheKeptPreferredSizesNamingTheField() {
    BatchingOverride smaller = new BatchingOverride(OptionalInt.of(4), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> smaller.applyTo(CURRENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("max_batch_size 4 is below the current dynamic_batching.preferred_batch_size");
  }

  @Test
  void refusesOutOfRangeValuesNamingTheField() {
    assertThatThrownBy(() -> new BatchingOverride(OptionalInt.of(0), Optional.empty(), Optional.empty()))
        .hasMessage("max_batch_size must be >= 1, was 0");
    assertThatThrownBy(() -> new BatchingOverride(OptionalInt.empty(), Optional.of(List.of(0, 4)), Optional.empty()))
        .hasMessageStartingWith("dynamic_batching.preferred_batch_size values must be >= 1");
    assertThatThrownBy(() -> new BatchingOverride(OptionalInt.empty(), Optional.empty(), Optional.of(Duration.ofNanos(-3_000))))
        .hasMessage("dynamic_batching.max_queue_delay_microseconds must be >= 0, was -3");
  }
}
