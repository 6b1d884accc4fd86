package io.tbms.resources;

/** What a device is: a GPU (one {@code gpu_uuid} in Triton's metrics) or a host's CPUs. */
public enum DeviceKind {
  GPU, CPU
}
