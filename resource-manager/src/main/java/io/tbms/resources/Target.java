package io.tbms.resources;

import java.net.URI;
import java.util.Objects;

/**
 * One backend to track: a KServe v2 / Triton server.
 *
 * @param kserveAddress its gRPC address {@code host:port}, e.g. {@code 127.0.0.1:8001}
 * @param metricsUrl its Prometheus metrics URL, e.g. {@code http://127.0.0.1:8002/metrics}
 */
public record Target(String kserveAddress, String metricsUrl) {

  public Target {
    Objects.requireNonNull(kserveAddress, "kserveAddress");
    Objects.requireNonNull(metricsUrl, "metricsUrl");
    int colon = kserveAddress.lastIndexOf(':');
    if (colon <= 0 || colon == kserveAddress.length() - 1) {
      throw new IllegalArgumentException("kserveAddress must be host:port, was '" + kserveAddress + "'");
    }
    int port;
    try {
      port = Integer.parseInt(kserveAddress.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("kserveAddress must end in a port number, was '" + kserveAddress + "'");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("kserveAddress port must be 1..65535, was " + port);
    }
    URI uri;
    try {
      uri = URI.create(metricsUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("metricsUrl is not a URL: '" + metricsUrl + "'");
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("metricsUrl must be an http:// URL with a host, was '" + metricsUrl + "'");
    }
  }

  /** The host part of {@link #kserveAddress}; it names the backend's devices ({@code host/gpu0}). */
  public String host() {
    String host = kserveAddress.substring(0, kserveAddress.lastIndexOf(':'));
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** The port part of {@link #kserveAddress}. */
  public int port() {
    return Integer.parseInt(kserveAddress.substring(kserveAddress.lastIndexOf(':') + 1));
  }
}
