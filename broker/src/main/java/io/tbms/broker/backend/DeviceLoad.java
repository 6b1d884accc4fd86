package io.tbms.broker.backend;

import java.util.OptionalDouble;

/**
 * What the resource manager knows of the devices behind replicas, for choosing among them.
 * Implementations answer from memory: they are called on every model call, from any thread.
 */
public interface DeviceLoad {

  /**
   * @param host the backend's host
   * @param device a device name on it, e.g. {@code gpu0}, {@code cpu}
   * @return the device's used share now, 0..1; empty when unknown
   */
  OptionalDouble used(String host, String device);

  /** Whether the resource manager has marked this replica down (its server does not answer). */
  boolean down(String model, String address);

  /** Knows nothing: every device has room, no replica is down. */
  DeviceLoad UNKNOWN = new DeviceLoad() {
    @Override
    public OptionalDouble used(String host, String device) {
      return OptionalDouble.empty();
    }

    @Override
    public boolean down(String model, String address) {
      return false;
    }
  };
}
