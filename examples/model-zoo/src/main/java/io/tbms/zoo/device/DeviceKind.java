package io.tbms.zoo.device;

/** Where a model instance runs. */
public enum DeviceKind {
  /** Real compute only; instances on the CPU run side by side. */
  CPU,
  /**
   * An emulated GPU: real compute plus a configured batch-time profile, one batch at a time per
   * device. Stands in for a real GPU on machines without one.
   */
  GPU
}
