package io.tbms.zoo.server;

import io.tbms.zoo.batching.BatchingOverride;
import io.tbms.zoo.runtime.InferenceException;
import io.tbms.zoo.runtime.ModelRunner;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code "config"} parameter of a repository load (gRPC {@code RepositoryModelLoad}, HTTP
 * {@code POST /v2/repository/models/{m}/load}): Triton's {@code ModelConfig} in its JSON form, of
 * which this server honours {@code max_batch_size}, {@code dynamic_batching.preferred_batch_size}
 * and {@code dynamic_batching.max_queue_delay_microseconds}. Other fields are ignored.
 *
 * <p>Parsed by hand rather than with protobuf's {@code JsonFormat}: a proto3 message cannot tell
 * an absent {@code max_queue_delay_microseconds} from an explicit {@code 0}, and a partial
 * override needs that difference. Field names may be written as in the proto ({@code
 * max_batch_size}) or in lowerCamelCase ({@code maxBatchSize}), and integers as JSON numbers or as
 * strings of digits, as protobuf's JSON parser accepts them; {@code null} reads as absent.
 */
final class ConfigOverride {

  /** The repository-load parameter that carries the config. */
  static final String PARAMETER = "config";

  private static final long MAX_DELAY_MICROS = Long.MAX_VALUE / 1_000; // the delay must fit in nanos

  private ConfigOverride() {}

  /**
   * Applies a load's config (none: {@code null}) to {@code runner} and marks the model ready.
   *
   * @throws InferenceException {@link InferenceException.Reason#INVALID_ARGUMENT} naming the field
   *     when the config is malformed; the model then keeps its settings and its readiness
   */
  static void load(ModelRunner runner, String config) {
    if (config != null) {
      try {
        runner.reconfigure(parse(config));
      } catch (IllegalArgumentException e) {
        throw InferenceException.invalid(
            "invalid config override for model '" + runner.spec().name() + "': " + e.getMessage());
      }
    }
    runner.setReady(true);
  }

  /**
   * @throws IllegalArgumentException naming the field when {@code json} is not a JSON object, a
   *     field has the wrong type, or a value is out of range
   */
  static BatchingOverride parse(String json) {
    JsonObject config;
    try {
      config = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException(PARAMETER + " must be a JSON object (Triton's ModelConfig), was "
          + abbreviate(json));
    }
    OptionalInt maxBatchSize = OptionalInt.empty();
    Object max = field(config, "max_batch_size", "maxBatchSize");
    if (max != null) {
      maxBatchSize = OptionalInt.of((int) integer(max, BatchingOverride.MAX_BATCH_SIZE, 1, Integer.MAX_VALUE));
    }
    Optional<List<Integer>> preferred = Optional.empty();
    Optional<Duration> delay = Optional.empty();
    Object batching = field(config, "dynamic_batching", "dynamicBatching");
    if (batching != null) {
      if (!(batching instanceof JsonObject section)) {
        throw new IllegalArgumentException("dynamic_batching must be an object, was " + describe(batching));
      }
      Object sizes = field(section, "preferred_batch_size", "preferredBatchSize");
      if (sizes != null) {
        preferred = Optional.of(sizes(sizes));
      }
      Object micros = field(section, "max_queue_delay_microseconds", "maxQueueDelayMicroseconds");
      if (micros != null) {
        long value = integer(micros, BatchingOverride.MAX_QUEUE_DELAY, 0, MAX_DELAY_MICROS);
        delay = Optional.of(Duration.of(value, ChronoUnit.MICROS));
      }
    }
    return new BatchingOverride(maxBatchSize, preferred, delay);
  }

  private static List<Integer> sizes(Object value) {
    if (!(value instanceof JsonArray array)) {
      throw new IllegalArgumentException(
          BatchingOverride.PREFERRED_BATCH_SIZE + " must be a list of integers, was " + describe(value));
    }
    List<Integer> sizes = new ArrayList<>(array.size());
    for (Object item : array) {
      if (item == null) {
        throw new IllegalArgumentException(
            BatchingOverride.PREFERRED_BATCH_SIZE + " must be a list of integers, was " + array.encode());
      }
      sizes.add((int) integer(item, BatchingOverride.PREFERRED_BATCH_SIZE, 1, Integer.MAX_VALUE));
    }
    return sizes;
  }

  /** The value under the proto name, else under the JSON (lowerCamelCase) name; null when absent. */
  private static Object field(JsonObject object, String protoName, String jsonName) {
    Object value = object.getValue(protoName);
    return value != null ? value : object.getValue(jsonName);
  }

  /** An integral JSON number, or a string holding one, within {@code min..max}. */
  private static long integer(Object value, String field, long min, long max) {
    BigInteger whole;
    try {
      if (!(value instanceof Number || value instanceof String)) {
        throw new NumberFormatException();
      }
      whole = new BigDecimal(value.toString().trim()).toBigIntegerExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(field + " must be an integer, was " + describe(value));
    }
    if (whole.compareTo(BigInteger.valueOf(min)) < 0 || whole.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException(field + " must be within " + min + ".." + max + ", was " + whole);
    }
    return whole.longValueExact();
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      return "\"" + abbreviate(s) + "\"";
    }
    if (value instanceof JsonObject o) {
      return abbreviate(o.encode());
    }
    if (value instanceof JsonArray a) {
      return abbreviate(a.encode());
    }
    return String.valueOf(value);
  }

  private static String abbreviate(String text) {
    String shown = text == null ? "nothing" : text.isBlank() ? "empty" : text;
    return shown.length() <= 80 ? shown : shown.substring(0, 77) + "...";
  }
}
