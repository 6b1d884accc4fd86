package io.tbms.zoo.device;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A named device of the model server.
 *
 * @param name e.g. {@code cpu}, {@code gpu0}; lowercase letters, digits, {@code -} and {@code _}
 * @param kind real CPU or emulated GPU
 * @param memoryTotalBytes the memory the device reports ({@code nv_gpu_memory_total_bytes}); 0 for a CPU
 */
public record DeviceConfig(String name, DeviceKind kind, long memoryTotalBytes) {

  /** 16 GiB, the memory an emulated GPU reports unless told otherwise. */
  public static final long DEFAULT_GPU_MEMORY_BYTES = 16L << 30;

  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

  public DeviceConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("device name must match " + NAME + ", was '" + name + "'");
    }
    if (memoryTotalBytes < 0) {
      throw new IllegalArgumentException("memoryTotalBytes must be >= 0, was " + memoryTotalBytes);
    }
  }

  public static DeviceConfig cpu() {
    return new DeviceConfig("cpu", DeviceKind.CPU, 0);
  }

  public static DeviceConfig emulatedGpu(String name) {
    return new DeviceConfig(name, DeviceKind.GPU, DEFAULT_GPU_MEMORY_BYTES);
  }

  /** A stable Triton-style {@code gpu_uuid} label, derived from the name so it survives restarts. */
  public String uuid() {
    return "GPU-" + UUID.nameUUIDFromBytes(("tbms-emulated-gpu:" + name).getBytes(StandardCharsets.UTF_8));
  }
}
