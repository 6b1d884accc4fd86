package io.tbms.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.testing.Stack;
import io.tbms.common.time.Clock;
import io.tbms.zoo.server.ModelServer;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tune profile} against the real reference model server on free ports. */
class TuneProfileCommandTest {

  static Vertx vertx;
  static ModelServer zoo;

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    zoo = ModelServer.start(vertx, ZooConfig.ofDefaults().withPorts(0, 0, 0), Stack.models(), Clock.system())
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 5; i++) { // one at a time: five batches of size 1
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + zoo.httpPort() + "/v2/models/keyword/infer"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[{\"name\":\"TEXT\",\"datatype\":\"BYTES\","
              + "\"shape\":[1,1],\"data\":[\"set an alarm for 7 am\"]}]}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    zoo.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private int tbms(String... args) {
    CommandLine cli = new CommandLine(new Tbms());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void readsTheBatchTimesTheServerHasMeasuredIntoAProfileFileThatRecommendReads() throws Exception {
    Path file = dir.resolve("keyword.json");

    int code = tbms("tune", "profile", "--model", "keyword", "--server", "127.0.0.1:" + zoo.grpcPort(),
        "--est-ms", "5", "--out", file.toString(), "--json");

    assertThat(code).as(err.toString()).isZero();
    JsonObject profile = new JsonObject(Files.readString(file));
    assertThat(profile.getString("model")).isEqualTo("keyword");
    assertThat(profile.getDouble("est_ms")).isEqualTo(5.0);
    JsonArray points = profile.getJsonArray("points");
    assertThat(points.getJsonObject(0).getInteger("batch_size")).isEqualTo(1);
    assertThat(points.getJsonObject(0).getDouble("batch_time_ms")).isPositive();
    assertThat(new JsonObject(out.toString().substring(out.toString().indexOf('{')))).isEqualTo(profile);

    // the measured times depend on the machine: a generous lag target, so that recommend's answer
    // shows it read the file rather than how fast this machine is
    assertThat(tbms("tune", "recommend", "--profile", file.toString(), "--qps", "10", "--lag-target-ms", "1000"))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("keyword");
  }

  @Test
  void probeDrivesTheBatchSizesTheModelHasNotRunAndTheServerTimesThem() throws Exception {
    // svm has had no traffic here: every batch size of 1, 2, 4, 8 is probed, 3 requests each
    int code = tbms("tune", "profile", "--model", "svm", "--server", "127.0.0.1:" + zoo.grpcPort(), "--probe",
        "--max-batch-size", "8", "--probe-requests", "3",
        "--json");

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("probing svm  [####################]  12/12  b=8")
        .contains("probing svm: probed b = 1, 2, 4, 8");
    JsonArray points = new JsonObject(out.toString()).getJsonArray("points");
    assertThat(points.stream().map(p -> ((JsonObject) p).getInteger("batch_size"))).containsExactly(1, 2, 4, 8);
    assertThat(points.stream().map(p -> ((JsonObject) p).getDouble("batch_time_ms"))).allMatch(t -> t > 0);

    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    assertThat(tbms("tune", "profile", "--model", "svm", "--server", "127.0.0.1:" + zoo.grpcPort(), "--probe",
        "--max-batch-size", "8", "--probe-requests", "3"))
        .as(err.toString()).isZero();
    assertThat(err.toString()).as("a second probe has nothing left to measure").contains("nothing to probe");
  }

  @Test
  void refusesFewerProbeRequestsThanTheBatchesAProfileNeeds() {
    assertThat(tbms("tune", "profile", "--model", "svm", "--server", "127.0.0.1:" + zoo.grpcPort(), "--probe",
        "--probe-requests", "2")).isEqualTo(2);
    assertThat(err.toString()).contains("--probe-requests must be >= --min-batches (3), was 2");
  }

  @Test
  void saysWhenAModelHasNotRunEnoughBatchesYet() {
    int code = tbms("tune", "profile", "--model", "bayes", "--server", "127.0.0.1:" + zoo.grpcPort());

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("bayes has run no batch size 3 times or more yet");
  }

  @Test
  void namesTheServerItCannotReachAndRefusesABadAddress() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    assertThat(tbms("tune", "profile", "--model", "keyword", "--server", "127.0.0.1:" + closed)).isEqualTo(1);
    assertThat(err.toString()).contains("cannot read keyword's statistics from 127.0.0.1:" + closed);
    assertThat(tbms("tune", "profile", "--model", "keyword", "--server", "nowhere")).isEqualTo(2);
    assertThat(err.toString()).contains("--server must be HOST:PORT");
  }
}
