package io.tbms.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TuneCommandTest {

  private static final String PROFILE = """
      {"model": "embedding", "est_ms": 35, "qps": 300, "points": [
        {"batch_size": 1, "batch_time_ms": 7}, {"batch_size": 2, "batch_time_ms": 9},
        {"batch_size": 4, "batch_time_ms": 13}, {"batch_size": 8, "batch_time_ms": 21},
        {"batch_size": 16, "batch_time_ms": 37}]}
      """;

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int tbms(String... args) {
    CommandLine cli = new CommandLine(new Tbms());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private String profile(String json) throws IOException {
    Path file = dir.resolve("profile.json");
    Files.writeString(file, json);
    return file.toString();
  }

  @Test
  void formulaPrintsQpsMaxOfFiveHundredForTenItemsInTwentyMilliseconds() {
    assertThat(tbms("tune", "formula", "--batch-size", "10", "--batch-time-ms", "20", "--json")).isZero();

    JsonObject json = new JsonObject(out.toString().trim());
    assertThat(json.getDouble("qps_max")).isEqualTo(500.0);
    assertThat(json.getInteger("batch_size")).isEqualTo(10);
    assertThat(json.getDouble("batch_time_ms")).isEqualTo(20.0);
    assertThat(json.getDouble("saturation_lag_ratio")).isEqualTo(1.45);
    assertThat(json.containsKey("lag_ms")).isFalse();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void formulaPrintsALagOfTwentySevenAndAHalfMillisecondsForFourItemsAtTwoHundredQps() {
    assertThat(tbms("tune", "formula", "--batch-size", "4", "--batch-time-ms", "20", "--qps", "200", "--json")).isZero();

    JsonObject json = new JsonObject(out.toString().trim());
    assertThat(json.getDouble("lag_ms")).isEqualTo(27.5);
    assertThat(json.getDouble("qps")).isEqualTo(200.0);
    assertThat(json.getBoolean("saturated")).isFalse();
  }

  @Test
  void formulaSaysLagIsNotDefinedAboveQpsMax() {
    assertThat(tbms("tune", "formula", "--batch-size", "4", "--batch-time-ms", "20", "--qps", "250", "--json")).isZero();
    JsonObject json = new JsonObject(out.toString().trim());
    assertThat(json.getBoolean("saturated")).isTrue();
    assertThat(json.containsKey("lag_ms")).isTrue();
    assertThat(json.getValue("lag_ms")).isNull();
    assertThat(json.getString("note")).contains("Lag is not defined");

    out.getBuffer().setLength(0);
    assertThat(tbms("tune", "formula", "--batch-size", "4", "--batch-time-ms", "20", "--qps", "250")).isZero();
    assertThat(out.toString()).contains("not defined, saturated: q exceeds QPS_max (200)");
  }

  @Test
  void formulaPrintsTheNumbersForPeopleByDefault() {
    assertThat(tbms("tune", "formula", "--batch-size", "4", "--batch-time-ms", "20", "--qps", "200")).isZero();

    assertThat(out.toString()).contains("= 200 QPS per replica").contains("= 1.375 (Lag 27.5 ms at q = QPS_max)")
        .contains("= 27.5 ms at q = 200 QPS (100% of QPS_max)");
  }

  @Test
  void formulaRejectsBadInputWithExitCodeTwoNamingTheOption() {
    assertThat(tbms("tune", "formula", "--batch-size", "0", "--batch-time-ms", "20")).isEqualTo(2);
    assertThat(tbms("tune", "formula", "--batch-size", "4", "--batch-time-ms", "-1")).isEqualTo(2);
    assertThat(tbms("tune", "formula", "--batch-size", "4", "--batch-time-ms", "20", "--qps", "0")).isEqualTo(2);
    assertThat(tbms("tune", "formula", "--batch-size", "4")).isEqualTo(2);

    assertThat(err.toString()).contains("tune formula: --batch-size must be >= 1, was 0")
        .contains("tune formula: --batch-time-ms must be a positive number of ms, was -1.0")
        .contains("tune formula: --qps must be a positive number of queries per second, was 0.0")
        .contains("Missing required option: '--batch-time-ms=T'");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void tuneHelpListsItsCommands() {
    assertThat(tbms("tune", "--help")).isZero();

    assertThat(out.toString()).contains("formula").contains("recommend").contains("profile")
        .containsPattern("(?m)^\\s+apply\\s").containsPattern("(?m)^\\s+watch\\s")
        .contains("--probe").contains("--store");
  }

  @Test
  void recommendChoosesFromTheProfileFileWithItsEstimateAsTheLagTarget() throws IOException {
    assertThat(tbms("tune", "recommend", "--profile", profile(PROFILE))).isZero();

    assertThat(out.toString()).startsWith(
        "embedding: b=8 on 1 replica: T(8)=21.0 ms, QPS_max 381/replica, q 300/replica (79%), lag 32.7 ms <= 35 ms")
        .contains("lag <= 35 ms (the model's est_ms)");
  }

  @Test
  void recommendAsJsonCarriesTheChoiceAndItsNumbers() throws IOException {
    assertThat(tbms("tune", "recommend", "--profile", profile(PROFILE), "--lag-target-ms", "30", "--json")).isZero();

    JsonObject json = new JsonObject(out.toString().trim());
    assertThat(json.getString("outcome")).isEqualTo("recommended");
    assertThat(json.getInteger("batch_size")).isEqualTo(2);
    assertThat(json.getInteger("replicas")).isEqualTo(2);
    assertThat(json.getDouble("lag_ms")).isCloseTo(12.333, within(0.001));
    assertThat(json.getDouble("lag_target_ms")).isEqualTo(30.0);
    assertThat(json.getJsonObject("fit").getDouble("per_item_ms")).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void recommendSaysHowManyMoreDevicesWouldWithExitCodeThree() throws IOException {
    assertThat(tbms("tune", "recommend", "--profile", profile(PROFILE), "--qps", "400", "--max-replicas", "1", "--json"))
        .isEqualTo(3);

    JsonObject json = new JsonObject(out.toString().trim());
    assertThat(json.getString("outcome")).isEqualTo("needs_more_devices");
    assertThat(json.getInteger("more_devices")).isEqualTo(1);
    assertThat(json.getInteger("replicas")).isEqualTo(2);
    assertThat(json.getString("explanation")).contains("2 would (1 more device), at 73% occupancy");
  }

  @Test
  void recommendRejectsABadProfileNamingTheField() throws IOException {
    String bad = profile("{\"model\": \"m\", \"points\": [{\"batch_size\": 1, \"batch_time_ms\": -2}]}");
    assertThat(tbms("tune", "recommend", "--profile", bad, "--qps", "10", "--lag-target-ms", "5")).isEqualTo(2);
    assertThat(err.toString()).contains("points[0].batch_time_ms must be a positive number of ms, was -2");
  }

  @Test
  void recommendAsksForALagTargetWhenTheFileHasNoEstimate() throws IOException {
    String noEstimate = profile("{\"model\": \"m\", \"points\": [{\"batch_size\": 1, \"batch_time_ms\": 2}]}");
    assertThat(tbms("tune", "recommend", "--profile", noEstimate, "--qps", "10")).isEqualTo(2);
    assertThat(err.toString()).contains("tune recommend: no lag target: give --lag-target-ms");
  }

  @Test
  void recommendCannotReadAMissingFile() {
    assertThat(tbms("tune", "recommend", "--profile", dir.resolve("missing.json").toString())).isEqualTo(1);
    assertThat(err.toString()).startsWith("tune recommend: cannot read --profile");
  }
}
