package io.tbms.resources.occupancy;

/** The Triton metric and label names the occupancy math reads. */
public final class TritonMetricNames {

  /** Counter, microseconds of compute per model and version (label {@code gpu_uuid} on older Triton). */
  public static final String COMPUTE_INFER_DURATION_US = "nv_inference_compute_infer_duration_us";
  /** Counter, model executions (batches) per model and version. */
  public static final String EXEC_COUNT = "nv_inference_exec_count";
  /** Gauge 0..1 per {@code gpu_uuid}. */
  public static final String GPU_UTILIZATION = "nv_gpu_utilization";
  public static final String GPU_MEMORY_USED_BYTES = "nv_gpu_memory_used_bytes";
  public static final String GPU_MEMORY_TOTAL_BYTES = "nv_gpu_memory_total_bytes";
  /** Gauge 0..1, the host's CPUs. */
  public static final String CPU_UTILIZATION = "nv_cpu_utilization";
  public static final String CPU_MEMORY_USED_BYTES = "nv_cpu_memory_used_bytes";
  public static final String CPU_MEMORY_TOTAL_BYTES = "nv_cpu_memory_total_bytes";

  public static final String LABEL_MODEL = "model";
  public static final String LABEL_GPU_UUID = "gpu_uuid";

  private TritonMetricNames() {}
}
