package io.tbms.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.internal.RegistryStateFile;
import io.tbms.broker.testing.Stack;
import io.tbms.resources.testing.Eventually;
import io.tbms.zoo.server.ZooConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster.state_file}: the live model config survives a restart of every broker. The first
 * broker of a new cluster takes the saved batch size and queue delay over its config file's.
 */
class ClusterStateFileTest {

  @TempDir Path dir;

  @Test
  void aLiveBatchConfigSurvivesARestartOfTheWholeCluster() throws Exception {
    Path file = dir.resolve("state").resolve("registry.json");
    try (Stack first = Stack.start(ZooConfig.ofDefaults().withPorts(0, 0, 0),
        c -> c.withCluster(Stack.isolatedCluster().withStateFile(file)))) {
      first.broker.registry().setBatching("svm", 3, Duration.ofMillis(5));
      assertThat(Eventually.holds(Duration.ofSeconds(20), () -> saved(file, 3))).as("the change reaches the state file")
          .isTrue();
    }

    try (Stack second = Stack.start(ZooConfig.ofDefaults().withPorts(0, 0, 0),
        c -> c.withCluster(Stack.isolatedCluster().withStateFile(file)))) {
      ModelConfig svm = second.broker.registry().model("svm").orElseThrow();
      assertThat(svm.batchSize()).isEqualTo(3);
      assertThat(svm.maxQueueDelay()).isEqualTo(Duration.ofMillis(5));
      assertThat(second.broker.registry().model("embedding").orElseThrow().batchSize())
          .as("untouched models keep the config file's values").isEqualTo(8);
    }
  }

  @Test
  void aBrokenStateFileStopsTheStartNamingTheFile() throws Exception {
    Path file = dir.resolve("registry.json");
    Files.writeString(file, "{not json");

    assertThatThrownBy(() -> Stack.start(ZooConfig.ofDefaults().withPorts(0, 0, 0),
        c -> c.withCluster(Stack.isolatedCluster().withStateFile(file))).close())
        .hasStackTraceContaining("cannot read the cluster state file " + file)
        .hasStackTraceContaining("remove it to start from the config file alone");
  }

  private static boolean saved(Path file, int batchSize) {
    try {
      ModelConfig svm = new RegistryStateFile(file).load().get("svm");
      return svm != null && svm.batchSize() == batchSize;
    } catch (RuntimeException e) {
      return false; // not written yet
    }
  }
}
