package io.tbms.resources;

import java.util.OptionalDouble;

/**
 * A read-only view of devices and replicas. Every method is non-blocking and thread-safe: it
 * reads a local snapshot that is replaced as a whole, never shared state on another member, so
 * a replica chooser may call it on every call from any thread, event loops included.
 */
public interface ResourceView {

  /** The latest snapshot. */
  ResourceSnapshot snapshot();

  /**
   * The used fraction (0..1) of device {@code deviceName} on {@code host}; empty when the device is
   * unknown or its backend is down.
   */
  OptionalDouble deviceUsed(String host, String deviceName);

  /** True when the backend at {@code address} ({@code host:port}) serving {@code model} is known and down. */
  boolean replicaDown(String model, String address);
}
