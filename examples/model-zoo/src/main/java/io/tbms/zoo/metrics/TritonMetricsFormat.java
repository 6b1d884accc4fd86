package io.tbms.zoo.metrics;

import io.tbms.zoo.runtime.FailureReason;
import io.tbms.zoo.runtime.InferenceStats;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Renders the model server's metrics in the Prometheus text format (version 0.0.4) with Triton's
 * metric names, types and labels, so dashboards and scrapers written for Triton work unchanged.
 * Durations are microseconds, as in Triton. GPU series describe emulated GPUs and say so in
 * their help text. Pure: it formats the snapshots it is given.
 */
public final class TritonMetricsFormat {

  /** The Prometheus text format's content type. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** One model's statistics for one version. */
  public record ModelSeries(String model, String version, InferenceStats.Snapshot stats) {}

  /** One emulated GPU. */
  public record GpuSeries(String uuid, double utilisation, long memoryUsedBytes, long memoryTotalBytes) {}

  /**
   * The host's CPUs, as Triton's CPU metrics describe them.
   *
   * @param utilisation recent CPU load, 0..1
   * @param memoryUsedBytes memory in use on the host
   * @param memoryTotalBytes the host's memory
   */
  public record CpuSeries(double utilisation, long memoryUsedBytes, long memoryTotalBytes) {}

  private TritonMetricsFormat() {}

  /** Model and GPU series only, without CPU metrics. */
  public static String render(List<ModelSeries> models, List<GpuSeries> gpus) {
    return render(models, gpus, null);
  }

  /** @param cpu the CPU series; {@code null} leaves the CPU metrics out */
  public static String render(List<ModelSeries> models, List<GpuSeries> gpus, CpuSeries cpu) {
    StringBuilder out = new StringBuilder(4096);
    counter(out, models, "nv_inference_request_success",
        "Number of successful inference requests, all batch sizes", s -> s.successCount());
    failures(out, models);
    counter(out, models, "nv_inference_count",
        "Number of inferences performed (does not include cached requests)", s -> s.inferenceCount());
    counter(out, models, "nv_inference_exec_count",
        "Number of model executions performed (does not include cached requests)", s -> s.executionCount());
    counter(out, models, "nv_inference_request_duration_us",
        "Cumulative inference request duration in microseconds (includes cached requests)",
        s -> (s.successNanos() + s.failNanos()) / 1_000);
    counter(out, models, "nv_inference_queue_duration_us",
        "Cumulative inference queuing duration in microseconds (includes cached requests)",
        s -> s.queueNanos() / 1_000);
    counter(out, models, "nv_inference_compute_input_duration_us",
        "Cumulative compute input duration in microseconds (does not include cached requests)",
        s -> s.computeInputNanos() / 1_000);
    counter(out, models, "nv_inference_compute_infer_duration_us",
        "Cumulative compute inference duration in microseconds (does not include cached requests);"
            + " on an emulated GPU: real compute plus the emulated batch time",
        s -> s.computeInferNanos() / 1_000);
    counter(out, models, "nv_inference_compute_output_duration_us",
        "Cumulative inference compute output duration in microseconds (does not include cached requests)",
        s -> s.computeOutputNanos() / 1_000);
    gauge(out, gpus, "nv_gpu_utilization",
        "GPU utilization rate [0.0 - 1.0) (emulated GPU: busy time over wall time, last second)",
        g -> format(g.utilisation()));
    gauge(out, gpus, "nv_gpu_memory_total_bytes",
        "GPU total memory, in bytes (emulated GPU: the configured size)",
        g -> Long.toString(g.memoryTotalBytes()));
    gauge(out, gpus, "nv_gpu_memory_used_bytes",
        "GPU used memory, in bytes (emulated GPU: the size of the models placed on it)",
        g -> Long.toString(g.memoryUsedBytes()));
    if (cpu != null) {
      header(out, "nv_cpu_utilization", "CPU utilization rate [0.0 - 1.0]", "gauge");
      out.append("nv_cpu_utilization ").append(format(Math.max(0, Math.min(1, cpu.utilisation())))).append('\n');
      header(out, "nv_cpu_memory_total_bytes", "CPU total memory (RAM), in bytes", "gauge");
      out.append("nv_cpu_memory_total_bytes ").append(cpu.memoryTotalBytes()).append('\n');
      header(out, "nv_cpu_memory_used_bytes", "CPU used memory (RAM), in bytes", "gauge");
      out.append("nv_cpu_memory_used_bytes ").append(cpu.memoryUsedBytes()).append('\n');
    }
    return out.toString();
  }

  private static void counter(
      StringBuilder out, List<ModelSeries> models, String name, String help,
      ToLongFunction<InferenceStats.Snapshot> value) {
    header(out, name, help, "counter");
    for (ModelSeries series : models) {
      out.append(name)
          .append("{model=\"").append(escape(series.model()))
          .append("\",version=\"").append(escape(series.version()))
          .append("\"} ")
          .append(value.applyAsLong(series.stats()))
          .append('\n');
    }
  }

  /**
   * {@code nv_inference_request_failure} by {@code reason}, as Triton reports it: one series per
   * {@link FailureReason}, labels in Triton's order.
   */
  private static void failures(StringBuilder out, List<ModelSeries> models) {
    header(out, "nv_inference_request_failure", "Number of failed inference requests, all batch sizes", "counter");
    for (ModelSeries series : models) {
      for (FailureReason reason : FailureReason.values()) {
        out.append("nv_inference_request_failure{model=\"").append(escape(series.model()))
            .append("\",reason=\"").append(reason.name())
            .append("\",version=\"").append(escape(series.version()))
            .append("\"} ")
            .append(series.stats().failures().get(reason))
            .append('\n');
      }
    }
  }

  private static void gauge(
      StringBuilder out, List<GpuSeries> gpus, String name, String help,
      Function<GpuSeries, String> value) {
    if (gpus.isEmpty()) {
      return;
    }
    header(out, name, help, "gauge");
    for (GpuSeries gpu : gpus) {
      out.append(name).append("{gpu_uuid=\"").append(escape(gpu.uuid())).append("\"} ")
          .append(value.apply(gpu)).append('\n');
    }
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }

  /** Label values escape backslash, double quote and newline. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
