package io.tbms.zoo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tbms.zoo.batching.BatchingOverride;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigOverrideTest {

  @Test
  void readsTheBatchingOfAWholeTritonModelConfigAndIgnoresTheRest() {
    String config = """
        {"name": "svm", "backend": "liblinear", "max_batch_size": 16,
         "input": [{"name": "TEXT", "data_type": "TYPE_STRING", "dims": [1]}],
         "dynamic_batching": {"preferred_batch_size": [4, 8], "max_queue_delay_microseconds": 1500,
                              "default_queue_policy": {"max_queue_size": 7}},
         "instance_group": [{"kind": "KIND_CPU", "count": 1}]}""";
    assertThat(ConfigOverride.parse(config)).isEqualTo(new BatchingOverride(
        OptionalInt.of(16), Optional.of(List.of(4, 8)), Optional.of(Duration.ofNanos(1_500_000))));
  }

  @Test
  void leavesAbsentFieldsEmpty() {
    assertThat(ConfigOverride.parse("{}")).isEqualTo(BatchingOverride.NONE);
    assertThat(ConfigOverride.parse("{\"max_batch_size\": 8}"))
        .isEqualTo(new BatchingOverride(OptionalInt.of(8), Optional.empty(), Optional.empty()));
    assertThat(ConfigOverride.parse("{\"dynamic_batching\": {\"max_queue_delay_microseconds\": 0}}"))
        .isEqualTo(new BatchingOverride(OptionalInt.empty(), Optional.empty(), Optional.of(Duration.ZERO)));
    assertThat(ConfigOverride.parse("{\"dynamic_batching\": {}, \"max_batch_size\": null}")).isEqualTo(BatchingOverride.NONE);
  }

  @Test
  void acceptsTheSpellingsOfProtobufJson() {
    // lowerCamelCase names, 64-bit integers as strings, integral numbers written with a fraction
    assertThat(ConfigOverride.parse(
        "{\"maxBatchSize\": \"16\", \"dynamicBatching\": {\"preferredBatchSize\": [4.0], \"maxQueueDelayMicroseconds\": \"250\"}}"))
        .isEqualTo(new BatchingOverride(OptionalInt.of(16), Optional.of(List.of(4)), Optional.of(Duration.ofNanos(250_000))));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "not json                                                        | config must be a JSON object",
      "[4]                                                             | config must be a JSON object",
      "''                                                              | config must be a JSON object",
      "{\"max_batch_size\": \"four\"}                                  | max_batch_size must be an integer, was \"four\"",
      "{\"max_batch_size\": 1.5}                                       | max_batch_size must be an integer, was 1.5",
      "{\"max_batch_size\": true}                                      | max_batch_size must be an integer, was true",
      "{\"max_batch_size\": 0}                                         | max_batch_size must be within 1..2147483647, was 0",
      "{\"max_batch_size\": 3000000000}                                | max_batch_size must be within 1..2147483647",
      "{\"dynamic_batching\": [4]}                                     | dynamic_batching must be an object, was [4]",
      "{\"dynamic_batching\": {\"preferred_batch_size\": 4}}           | dynamic_batching.preferred_batch_size must be a list of integers, was 4",
      "{\"dynamic_batching\": {\"preferred_batch_size\": [4, \"x\"]}}  | dynamic_batching.preferred_batch_size must be an integer, was \"x\"",
      "{\"dynamic_batching\": {\"preferred_batch_size\": [4, null]}}   | dynamic_batching.preferred_batch_size must be a list of integers",
      "{\"dynamic_batching\": {\"preferred_batch_size\": [0]}}         | dynamic_batching.preferred_batch_size must be within 1..",
      "{\"dynamic_batching\": {\"max_queue_delay_microseconds\": -1}}  | dynamic_batching.max_queue_delay_microseconds must be within 0..",
      "{\"dynamic_batching\": {\"max_queue_delay_microseconds\": {}}}  | dynamic_batching.max_queue_delay_microseconds must be an integer",
      "{\"dynamic_batching\": {\"max_queue_delay_microseconds\": 1e30}} | dynamic_batching.max_queue_delay_microseconds must be within 0..9223372036854775",
  })
  void refusesAMalformedOverrideNamingTheField(String json, String message) {
    assertThatThrownBy(() -> ConfigOverride.parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }
}
