package io.tbms.bench.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tbms.bench.BenchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TunerBenchCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine command = new CommandLine(new BenchCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    return command.execute(args);
  }

  @Test
  void runsAsASubcommandOfBenchAndPrintsTheGridAsJson() throws Exception {
    int exit = run("tuner", "--sampled-shapes", "0", "--max-batch-sizes", "16", "--max-replicas", "2",
        "--qps", "50", "--lag-targets", "2", "--worst", "1", "--json");

    assertThat(exit).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.at("/grid/shapes").asInt()).isEqualTo(49);
    assertThat(json.at("/all/cases").asInt()).isEqualTo(49);
    assertThat(json.at("/all/same_outcome").asInt()).isEqualTo(49);
    assertThat(json.at("/all/share_of_batch_sizes/max_percent").asDouble()).isLessThanOrEqualTo(100);
    assertThat(json.get("worst")).hasSize(1);
  }

  @Test
  void printsASummaryAndTables() {
    int exit = run("tuner", "--sampled-shapes", "1", "--max-batch-sizes", "32", "--max-replicas", "1,4",
        "--qps", "200", "--lag-targets", "1.5");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("Config tuner vs exhaustive search: 100 cases (seed 2026, headroom 0.8, noise 0%)")
        .contains("| family | cases |")
        .contains("| 32 |");
  }

  @Test
  void refusesBadValuesNamingTheField() {
    assertThat(run("tuner", "--headroom", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("headroom must be in (0, 1]");
    assertThat(run("tuner", "--max-batch-sizes", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("maxBatchSizes");
    assertThat(run("tuner", "--noise", "60")).isEqualTo(2);
    assertThat(err.toString()).contains("noisePercent");
  }
}
