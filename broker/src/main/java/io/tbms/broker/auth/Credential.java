package io.tbms.broker.auth;

import java.util.Objects;

/**
 * A client's credentials: the public access id, the secret access key that signs its requests,
 * and the instance (tenant) they act for. Loaded from the broker's config file, never from code.
 */
public record Credential(String accessId, String accessKey, String instance) {

  public Credential {
    Objects.requireNonNull(accessId, "accessId");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(instance, "instance");
    if (accessId.isBlank() || accessKey.isBlank() || instance.isBlank()) {
      throw new IllegalArgumentException("accessId, accessKey and instance must not be blank");
    }
  }

  @Override
  public String toString() {
    return "Credential[accessId=" + accessId + ", instance=" + instance + "]"; // never the key
  }
}
