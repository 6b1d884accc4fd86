package io.tbms.resources.inventory;

import io.tbms.resources.DeviceKind;
import java.util.Objects;

/**
 * One device of a backend's host.
 *
 * @param host the backend's host, as in its KServe address
 * @param name the device's name on the host: {@code cpu}, {@code gpu<index>} or a pinned name
 * @param kind GPU or CPU
 * @param gpuUuid the GPU's {@code gpu_uuid} in the metrics; {@code null} for the CPU or a GPU the
 *     metrics do not list
 */
public record Device(String host, String name, DeviceKind kind, String gpuUuid) {

  /** The name every host's CPU device has. */
  public static final String CPU = "cpu";

  public Device {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }

  /** {@code host/name}, e.g. {@code 127.0.0.1/gpu0}. */
  public String id() {
    return id(host, name);
  }

  public static String id(String host, String name) {
    return host + "/" + name;
  }
}
