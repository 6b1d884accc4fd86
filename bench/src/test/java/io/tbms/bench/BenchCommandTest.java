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
    assertThat(config.duration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.warmup()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.loads()).containsExactly(0.25, 0.5, 1.0, 2.0, 4.0, 8.0);
    assertThat(config.budgetsMs()).containsExactly(20L, 40L, 50L, 100L);
    assertThat(config.targets()).containsExactly(TargetKind.values());
    assertThat(config.capacityQps()).isEmpty();
    assertThat(config.oracleQueries()).isEmpty();
    assertThat(config.waitReady()).isEmpty();
    assertThat(config.overheadBudgetMs()).isEqualTo(50);
  }

  @Test
  void theDefaultGridRunsEveryGridTargetInEveryCellThenTheOverheadPairOnce() {
    BenchConfig config = parse();
    // 6 loads x 4 budgets x 4 grid targets, then direct-svm and broker-svm-only
    assertThat(config.plan()).hasSize(6 * 4 * 4 + 2);
    assertThat(config.maxBudgetMs()).isEqualTo(100);
  }

  @Test
  void readsBudgetsOracleQueriesAndWaitReady() {
    BenchConfig config = parse("--budgets", "40,100", "--oracle-queries", "0", "--wait-ready", "90s",
        "--overhead-budget-ms", "200");
    assertThat(config.budgetsMs()).containsExactly(40L, 100L);
    assertThat(config.oracleQueries()).hasValue(0);
    assertThat(config.waitReady()).hasValue(Duration.ofSeconds(90));
    assertThat(config.maxBudgetMs()).isEqualTo(200);
    assertThat(parse("--budget-ms", "50").budgetsMs()).containsExactly(50L);
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
  void runsTheOverheadPairOnlyAtTheOverheadLoadAndBudget() {
    BenchConfig config = parse("--overhead-load", "0.25", "--overhead-budget-ms", "80", "--loads", "1,2");
    assertThat(config.plan()).filteredOn(r -> r.target() == TargetKind.DIRECT_SVM)
        .extracting(BenchGrid.PlannedRow::cell).containsExactly(new BenchGrid.Cell(0.25, 80));
    assertThat(config.plan()).filteredOn(r -> r.target() == TargetKind.FIRE_ALL)
        .extracting(r -> r.cell().loadFactor()).containsExactly(1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0);
  }

  @Test
  void refusesBadValuesNamingTheField() {
    assertThatThrownBy(() -> parse("--targets", "nope")).hasMessageContaining("unknown target 'nope'");
    assertThatThrownBy(() -> parse("--loads", "0")).hasMessageContaining("loads");
    assertThatThrownBy(() -> parse("--duration", "0")).hasMessageContaining("duration");
    assertThatThrownBy(() -> parse("--zoo-grpc", "8001")).hasMessageContaining("--zoo-grpc");
    assertThatThrownBy(() -> parse("--budgets", "0")).hasMessageContaining("budgets");
    assertThatThrownBy(() -> parse("--budgets", "50,50")).hasMessageContaining("budgets must not repeat");
    assertThatThrownBy(() -> parse("--loads", "1,1")).hasMessageContaining("loads must not repeat");
    assertThatThrownBy(() -> parse("--oracle-queries", "-1")).hasMessageContaining("oracleQueries");
    assertThatThrownBy(() -> parse("--wait-ready", "0")).hasMessageContaining("waitReady");
  }
}
