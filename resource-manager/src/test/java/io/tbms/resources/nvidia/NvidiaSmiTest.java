package io.tbms.resources.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaSmiTest {

  @TempDir
  Path dir;

  @Test
  void isAbsentWhenNoDirectoryOnThePathHasIt() {
    assertThat(NvidiaSmi.find(dir.toString())).isEmpty();
    assertThat(NvidiaSmi.find(null)).isEmpty();
  }

  @Test
  void runsTheExecutableOnThePathAndParsesItsOutput() throws Exception {
    Path fake = dir.resolve("nvidia-smi");
    Files.writeString(fake, "#!/bin/sh\necho '0, GPU-1234, Fake GPU, 50, 1024, 2048'\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    Vertx vertx = Vertx.vertx();
    try {
      NvidiaSmi smi = NvidiaSmi.find("/nonexistent:" + dir).orElseThrow();
      NvidiaSmiCsv.Result result = smi.query(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(result.gpus()).singleElement().satisfies(gpu -> {
        assertThat(gpu.uuid()).isEqualTo("GPU-1234");
        assertThat(gpu.utilisation()).hasValue(0.5);
      });
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
