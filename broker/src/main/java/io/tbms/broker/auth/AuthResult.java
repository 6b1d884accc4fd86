package io.tbms.broker.auth;

/** The verdict on a signed request: the caller's instance, or why it is refused (401). */
public sealed interface AuthResult {

  record Accepted(String instance) implements AuthResult {}

  /** @param reason for the caller, naming what is wrong; never reveals a key */
  record Rejected(String reason) implements AuthResult {}
}
