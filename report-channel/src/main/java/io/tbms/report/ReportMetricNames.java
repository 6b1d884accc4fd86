package io.tbms.report;

/**
 * The metrics the report channel publishes beside the broker's own ({@code tbms.broker.*}).
 * Prometheus shows them with underscores and the unit suffix, e.g. {@code
 * tbms_resources_device_used_ratio{device,kind}}.
 */
public final class ReportMetricNames {

  /** A device's used share, 0..1, tags {@code device} (host/name), {@code kind} (GPU, CPU). */
  public static final String DEVICE_USED = "tbms.resources.device.used";
  /** A device's free share, 0..1, tags {@code device}, {@code kind}. */
  public static final String DEVICE_FREE = "tbms.resources.device.free";
  /** The share of a device one model uses, 0..1, tags {@code device}, {@code model}. */
  public static final String MODEL_SHARE = "tbms.resources.model.share";
  /** Whether the resource manager has marked a device down (1) or not (0), tag {@code device}. */
  public static final String DEVICE_DOWN = "tbms.resources.device.down";

  private ReportMetricNames() {}
}
