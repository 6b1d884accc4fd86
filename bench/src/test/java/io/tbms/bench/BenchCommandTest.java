package io.tbms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  private static BenchConfig parse(String... args) {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void defaultsMatchTheReferenceSetup() {
    BenchConfig config = parse();
    assertThat(config.broker().toString()).isEqualTo("http://127.0.0.1:8080");
    assertThat(config.zooHost()).isEqualTo("127.0.0.1");
    assertThat(config.zooGrpcPort()).isEqualTo(8001);
    assertThat(config.duration()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.warmup()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.loads()).containsExactly(0.5, 1.0, 2.0, 4.0);
    assertThat(config.targets()).containsExactly(TargetKind.values());
    assertThat(config.capacityQps()).isEmpty();
    assertThat(config.budget()).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void readsTargetsLoadsDurationsAndCapacity() {
    BenchConfig config = parse("--targets", "embedding-only,fire-all", "--loads", "1,2", "--duration", "500ms",
        "--warmup", "1", "--capacity", "120", "--zoo-grpc", "localhost:9001");
    assertThat(config.targets()).containsExactly(TargetKind.EMBEDDING_ONLY, TargetKind.FIRE_ALL);
    assertThat(config.loads()).containsExactly(1.0, 2.0);
    assertThat(config.duration()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.warmup()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.capacityQps()).hasValue(120);
    assertThat(config.zooGrpcPort()).isEqualTo(9001);
  }

  @Test
  void runsTheOverheadPairOnlyAtTheOverheadLoad() {
    BenchConfig config = parse("--overhead-load", "0.25");
    assertThat(config.loadsFor(TargetKind.DIRECT_SVM)).containsExactly(0.25);
    assertThat(config.loadsFor(TargetKind.FIRE_ALL)).containsExactly(0.5, 1.0, 2.0, 4.0);
  }

  @Test
  void refusesBadValuesNamingTheField() {
    assertThatThrownBy(() -> parse("--targets", "nope")).hasMessageContaining("unknown target 'nope'");
    assertThatThrownBy(() -> parse("--loads", "0")).hasMessageContaining("loads");
    assertThatThrownBy(() -> parse("--duration", "0")).hasMessageContaining("duration");
    assertThatThrownBy(() -> parse("--zoo-grpc", "8001")).hasMessageContaining("--zoo-grpc");
  }
}
