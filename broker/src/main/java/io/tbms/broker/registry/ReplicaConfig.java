package io.tbms.broker.registry;

import java.util.List;
import java.util.Objects;

/**
 * One replica of a model: where it is served, how to reach it, and which device it runs on.
 *
 * @param host the backend's host, e.g. {@code 127.0.0.1}
 * @param port its KServe v2 port for {@code transport} (Triton: 8001 gRPC, 8000 REST)
 * @param transport gRPC or REST
 * @param device the device name for occupancy reports, e.g. {@code gpu0}, {@code cpu}
 */
public record ReplicaConfig(String host, int port, Transport transport, String device) {

  public ReplicaConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(device, "device");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be in 1..65535, was " + port);
    }
  }

  /** The device names of {@link #device}: a replica on several devices names them joined by {@code +}. */
  public List<String> devices() {
    return List.of(device.split("\\+"));
  }

  /** {@code host:port}, the replica's identity in logs and metrics. */
  public String address() {
    return host + ":" + port;
  }
}
