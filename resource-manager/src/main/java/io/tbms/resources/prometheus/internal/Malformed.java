package io.tbms.resources.prometheus.internal;

/** A line cannot be parsed; caught per line and turned into a problem. */
final class Malformed extends RuntimeException {

  Malformed(String reason) {
    super(reason, null, false, false);
  }
}
