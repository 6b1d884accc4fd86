package io.tbms.broker.front;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Typed reads of request JSON that refuse with the field's path ({@code models[1].est_ms}) when a
 * value has the wrong type. Absent and {@code null} are the same: the field's default.
 */
final class JsonFields {

  private JsonFields() {}

  static RefusedException bad(String field, String message) {
    return new RefusedException(Refusal.INVALID_ARGUMENT, field, field + ": " + message);
  }

  static String path(String at, String key) {
    return at.isEmpty() ? key : at + "." + key;
  }

  static void onlyKnown(JsonObject json, String at, Set<String> known) {
    for (String key : json.fieldNames()) {
      if (!known.contains(key)) {
        throw bad(path(at, key), "unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }

  static String string(JsonObject json, String at, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    throw bad(path(at, key), "must be a string");
  }

  static boolean bool(JsonObject json, String at, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw bad(path(at, key), "must be true or false");
  }

  /** A whole number in 0..2^32-1 (proto uint32), or -1 when absent. */
  static long uint32(JsonObject json, String at, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return -1;
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        throw bad(path(at, key), "must be a whole number, was " + n);
      }
      if (d < 0 || d > 4294967295d) {
        throw bad(path(at, key), "must be in 0..4294967295, was " + n);
      }
      return (long) d;
    }
    throw bad(path(at, key), "must be a number");
  }

  /** A finite number, or NaN when absent. */
  static double number(JsonObject json, String at, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return Double.NaN;
    }
    if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    throw bad(path(at, key), "must be a number");
  }

  static JsonObject object(JsonObject json, String at, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonObject o) {
      return o;
    }
    throw bad(path(at, key), "must be an object");
  }

  static JsonArray array(JsonObject json, String at, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return new JsonArray();
    }
    if (value instanceof JsonArray a) {
      return a;
    }
    throw bad(path(at, key), "must be an array");
  }

  static JsonObject element(JsonArray array, String at, int i) {
    if (array.getValue(i) instanceof JsonObject o) {
      return o;
    }
    throw bad(at + "[" + i + "]", "must be an object");
  }
}
