package io.tbms.dist;

import io.tbms.tuner.BatchProfile;
import io.tbms.tuner.ProfilePoint;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A measured profile as {@code tbms tune recommend} reads it:
 *
 * <pre>
 * {"model": "embedding", "est_ms": 35, "qps": 300,
 *  "points": [{"batch_size": 1, "batch_time_ms": 6.0}, {"batch_size": 8, "batch_time_ms": 14.5}]}
 * </pre>
 *
 * {@code est_ms} (the model's estimate as callers send it, the default lag target) and {@code qps} (the
 * observed rate) are optional. A bad file is rejected with an {@link IllegalArgumentException} naming
 * the field, e.g. {@code points[2].batch_time_ms}.
 *
 * @param profile the model and its points
 * @param estMillis the model's {@code est_ms}, or null
 * @param qps the observed queries per second, or null
 */
record ProfileFile(BatchProfile profile, Double estMillis, Double qps) {

  static ProfileFile parse(String text) {
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage());
    }
    String model = field(json, "model", String.class, "a string");
    if (model == null) {
      throw new IllegalArgumentException("model is missing");
    }
    JsonArray array = field(json, "points", JsonArray.class, "an array");
    if (array == null || array.isEmpty()) {
      throw new IllegalArgumentException("points must hold at least one {\"batch_size\", \"batch_time_ms\"} measurement");
    }
    List<ProfilePoint> points = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject point)) {
        throw new IllegalArgumentException("points[" + i + "] must be an object");
      }
      Number size = field(point, "batch_size", Number.class, "a number", "points[" + i + "].");
      Number time = field(point, "batch_time_ms", Number.class, "a number", "points[" + i + "].");
      if (size == null || time == null) {
        throw new IllegalArgumentException("points[" + i + "] needs batch_size and batch_time_ms");
      }
      if (size.doubleValue() != Math.rint(size.doubleValue()) || size.doubleValue() < 1) {
        throw new IllegalArgumentException("points[" + i + "].batch_size must be a whole number >= 1, was " + size);
      }
      if (!(time.doubleValue() > 0)) {
        throw new IllegalArgumentException("points[" + i + "].batch_time_ms must be a positive number of ms, was " + time);
      }
      points.add(new ProfilePoint(size.intValue(), time.doubleValue()));
    }
    Number est = field(json, "est_ms", Number.class, "a number");
    Number qps = field(json, "qps", Number.class, "a number");
    return new ProfileFile(new BatchProfile(model, points), est == null ? null : est.doubleValue(),
        qps == null ? null : qps.doubleValue());
  }

  private static <T> T field(JsonObject json, String key, Class<T> type, String what) {
    return field(json, key, type, what, "");
  }

  private static <T> T field(JsonObject json, String key, Class<T> type, String what, String at) {
    Object value = json.getValue(key);
    if (value == null) {
      return null;
    }
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(at + key + " must be " + what + ", was " + value);
    }
    return type.cast(value);
  }
}
