package io.tbms.resources.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.resources.prometheus.ParseProblem;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NvidiaSmiCsvTest {

  @Test
  void readsEachGpuLine() {
    NvidiaSmiCsv.Result result = NvidiaSmiCsv.parse("""
        0, GPU-0f2d7a3e-5c1b-4b8e-9d4a-1e6f3c2b7a90, NVIDIA A100-SXM4-40GB, 37, 2048, 40960
        1, GPU-9a81c2d4-3e7f-4a6b-8c5d-2f1e0b9a8c7d, NVIDIA A100-SXM4-40GB, 0, 3, 40960
        """);

    assertThat(result.problems()).isEmpty();
    assertThat(result.gpus()).containsExactly(
        new GpuReading(0, "GPU-0f2d7a3e-5c1b-4b8e-9d4a-1e6f3c2b7a90", "NVIDIA A100-SXM4-40GB",
            OptionalDouble.of(0.37), OptionalLong.of(2048L << 20), OptionalLong.of(40960L << 20)),
        new GpuReading(1, "GPU-9a81c2d4-3e7f-4a6b-8c5d-2f1e0b9a8c7d", "NVIDIA A100-SXM4-40GB",
            OptionalDouble.of(0.0), OptionalLong.of(3L << 20), OptionalLong.of(40960L << 20)));
  }

  @Test
  void readsNotAvailableValuesAsEmpty() {
    NvidiaSmiCsv.Result result = NvidiaSmiCsv.parse(
        "0, GPU-1111, Tesla T4, [N/A], [N/A], 15360\r\n1, MIG-2222, A30 MIG 1g.6gb, [Not Supported], 10, 6016\n");

    assertThat(result.problems()).isEmpty();
    assertThat(result.gpus().get(0).utilisation()).isEmpty();
    assertThat(result.gpus().get(0).memoryUsedBytes()).isEmpty();
    assertThat(result.gpus().get(0).memoryTotalBytes()).hasValue(15360L << 20);
    assertThat(result.gpus().get(1).utilisation()).isEmpty();
  }

  @Test
  void skipsGarbageAndSaysWhichLine() {
    NvidiaSmiCsv.Result result = NvidiaSmiCsv.parse("""
        NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.
        x, GPU-1, T4, 1, 2, 3
        0, not-a-uuid, T4, 1, 2, 3
        0, GPU-1, T4, lots, 2, 3
        0, GPU-1, T4, 5, 2, 3
        """);

    assertThat(result.problems()).extracting(ParseProblem::line).containsExactly(1, 2, 3, 4);
    assertThat(result.gpus()).hasSize(1);
  }
}
