package io.tbms.bench;

import java.util.Objects;

/**
 * The access id and key the bench signs broker requests with (docs/design.md §3, "Credentials and signing").
 *
 * @param accessId sent as {@code X-TBMS-Access-Id}
 * @param accessKey the HMAC key; never sent
 */
record Credentials(String accessId, String accessKey) {

  /** The demo's public, loopback-only credentials. */
  static final Credentials DEMO = new Credentials("demo", "demo-secret-key");

  Credentials {
    Objects.requireNonNull(accessId, "accessId");
    Objects.requireNonNull(accessKey, "accessKey");
    if (accessId.isBlank() || accessKey.isBlank()) {
      throw new IllegalArgumentException("accessId and accessKey must not be blank");
    }
  }

  @Override
  public String toString() {
    return "Credentials[accessId=" + accessId + ", accessKey=***]";
  }
}
