package io.tbms.client;

import java.util.Objects;

/**
 * One model of a chain or a mix group: its registered name, the caller's estimate of its latency
 * and, optionally, a version. Immutable; create with {@link ModelChain#model(String, double)}.
 *
 * @param name the model's name in the broker's registry (e.g. {@code "svm"}), not blank
 * @param estMs the caller's estimate of the model's latency in milliseconds, finite and {@code >= 0};
 *     it sets when the next entry of the chain fires
 * @param version the model version, or null for the version the broker's registry chooses
 */
public record Model(String name, double estMs, String version) {

  public Model {
    Objects.requireNonNull(name, "name must not be null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (!(estMs >= 0) || Double.isInfinite(estMs)) {
      throw new IllegalArgumentException("estMs of model '" + name + "' must be a finite number >= 0, was " + estMs);
    }
    if (version != null && version.isBlank()) {
      throw new IllegalArgumentException("version of model '" + name + "' must not be blank; leave it null for the registry's choice");
    }
  }

  /** A copy asking for {@code version} of this model. */
  public Model withVersion(String version) {
    Objects.requireNonNull(version, "version must not be null");
    return new Model(name, estMs, version);
  }

  @Override
  public String toString() {
    return name + (version == null ? "" : "@" + version) + ":" + estMs;
  }
}
