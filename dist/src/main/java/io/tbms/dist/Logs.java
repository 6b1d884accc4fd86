package io.tbms.dist;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Console logging for the long-running commands: our own lines, and only warnings from libraries. */
final class Logs {

  // java.util.logging holds loggers weakly: keep the configured ones alive
  private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");
  private static final Logger NETTY = Logger.getLogger("io.netty");

  private Logs() {}

  static void quietLibraries() {
    HAZELCAST.setLevel(Level.WARNING);
    NETTY.setLevel(Level.WARNING);
  }
}
