package io.tbms.bench;

import java.util.Objects;

/**
 * One model of a chain, as the broker's query names it: the model and its usual latency.
 *
 * @param name the model's name on the model server
 * @param estMillis how long the model usually takes, in milliseconds ({@code >= 0})
 */
public record ChainEntry(String name, long estMillis) {

  public ChainEntry {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (estMillis < 0) {
      throw new IllegalArgumentException("estMillis must be >= 0, was " + estMillis + " (" + name + ")");
    }
  }
}
