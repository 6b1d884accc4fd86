package io.tbms.resources.inventory;

import java.util.List;
import java.util.Objects;

/**
 * One {@code instance_group} of a model's configuration, as Triton reports it.
 *
 * @param kind where the instances run
 * @param gpus the CUDA indexes of the GPUs; empty: every GPU (for {@link Kind#GPU} / {@link Kind#AUTO})
 * @param count instances per listed GPU (or on the CPU); 0 is read as 1, as Triton does
 */
public record InstanceGroup(Kind kind, List<Integer> gpus, int count) {

  /** Triton's {@code ModelInstanceGroup.Kind}, less the kinds that name no device. */
  public enum Kind {
    /** GPUs if any are listed or present, else the CPU. */
    AUTO,
    GPU,
    CPU
  }

  public InstanceGroup {
    Objects.requireNonNull(kind, "kind");
    gpus = List.copyOf(gpus);
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    if (gpus.stream().anyMatch(index -> index < 0)) {
      throw new IllegalArgumentException("gpus must be CUDA indexes >= 0, was " + gpus);
    }
  }

  public static InstanceGroup cpu(int count) {
    return new InstanceGroup(Kind.CPU, List.of(), count);
  }

  public static InstanceGroup gpu(int count, Integer... gpus) {
    return new InstanceGroup(Kind.GPU, List.of(gpus), count);
  }
}
