package io.tbms.resources.nvidia;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One GPU as {@code nvidia-smi} reports it. A value it prints as {@code [N/A]} is empty.
 *
 * @param index the CUDA index
 * @param uuid e.g. {@code GPU-5f3c...}, the same as Triton's {@code gpu_uuid}
 * @param name the product name
 * @param utilisation 0..1 (nvidia-smi prints percent)
 * @param memoryUsedBytes nvidia-smi prints MiB
 * @param memoryTotalBytes nvidia-smi prints MiB
 */
public record GpuReading(
    int index, String uuid, String name, OptionalDouble utilisation, OptionalLong memoryUsedBytes,
    OptionalLong memoryTotalBytes) {

  public GpuReading {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(utilisation, "utilisation");
    Objects.requireNonNull(memoryUsedBytes, "memoryUsedBytes");
    Objects.requireNonNull(memoryTotalBytes, "memoryTotalBytes");
  }
}
