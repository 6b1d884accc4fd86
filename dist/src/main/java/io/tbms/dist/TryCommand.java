package io.tbms.dist;

import io.tbms.common.auth.RequestSignature;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tbms try}: one signed query to a broker, its answer and trace printed. */
@Command(
    name = "try",
    mixinStandardHelpOptions = true,
    description = {
      "Send one query to a broker (signed POST /v1/try) and print the answer and the trace.",
      "Example: ./tbms try --budget 50 --models embedding:35,svm:25,bayes:15,keyword:5 \"set an alarm for 7 am\""
    })
public final class TryCommand implements Callable<Integer> {

  @Parameters(paramLabel = "TEXT", description = "The utterance to ask about.")
  String text;

  @Option(names = "--budget", paramLabel = "MS", description = "The time budget in ms, 1..60000 (default: ${DEFAULT-VALUE}).")
  int budget = 50;

  @Option(names = "--models", paramLabel = "NAME[:EST_MS],...",
      description = "The chain, best first, each with its estimated latency (default: ${DEFAULT-VALUE}).")
  String models = "embedding:35,svm:25,bayes:15,keyword:5";

  @Option(names = "--policy", description = "first or best (default: ${DEFAULT-VALUE}).")
  String policy = "first";

  @Option(names = "--task", description = "The task name for reports (default: the instance's name).")
  String task = "";

  @Option(names = "--priority", description = "0 (most important) .. 9; default: the broker's.")
  Integer priority;

  @Option(names = "--broker", paramLabel = "URL", description = "The broker (default: ${DEFAULT-VALUE}).")
  String broker = "http://127.0.0.1:8080";

  @Option(names = "--access-id", description = "Default: TBMS_ACCESS_ID, else the demo's (${DEFAULT-VALUE}).")
  String accessId = envOr("TBMS_ACCESS_ID", "demo");

  @Option(names = "--access-key", description = "Default: TBMS_ACCESS_KEY, else the demo's public key.")
  String accessKey = envOr("TBMS_ACCESS_KEY", "demo-secret-key");

  @Option(names = "--json", description = "Print the broker's JSON answer as it is.")
  boolean json;

  @Override
  public Integer call() {
    JsonArray chain = new JsonArray();
    for (String entry : models.split(",")) {
      String[] parts = entry.trim().split(":");
      JsonObject model = new JsonObject().put("name", parts[0]);
      if (parts.length > 1) {
        try {
          model.put("est_ms", Double.parseDouble(parts[1]));
        } catch (NumberFormatException e) {
          System.err.println("try: --models: '" + entry + "' needs NAME or NAME:EST_MS with a number of ms");
          return 2;
        }
      }
      chain.add(model);
    }
    JsonObject query = new JsonObject().put("query", new JsonObject().put("text", text)).put("models", chain)
        .put("budget_ms", budget).put("policy", policy);
    if (!task.isEmpty()) {
      query.put("task", task);
    }
    if (priority != null) {
      query.put("priority", priority);
    }
    byte[] body = query.encode().getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis();
    HttpResponse<String> response;
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(broker.replaceAll("/+$", "") + "/v1/try"))
          .timeout(Duration.ofMillis(budget + 10_000L))
          .header("content-type", "application/json")
          .header(RequestSignature.ACCESS_ID_HEADER, accessId)
          .header(RequestSignature.TIMESTAMP_HEADER, Long.toString(now))
          .header(RequestSignature.SIGNATURE_HEADER, RequestSignature.sign(accessKey, "POST", "/v1/try", now, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("try: cannot reach the broker at " + broker + ": "
          + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
          + " (is ./tbms demo running?)");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    if (response.statusCode() != 200) {
      System.err.println("try: HTTP " + response.statusCode() + ": " + response.body());
      return 1;
    }
    if (json) {
      System.out.println(response.body());
    } else {
      print(new JsonObject(response.body()), System.out);
    }
    return 0;
  }

  static void print(JsonObject answer, PrintStream out) {
    if ("ANSWERED".equals(answer.getString("status"))) {
      JsonObject a = answer.getJsonObject("answer");
      out.printf(Locale.ROOT, "ANSWERED  %s  (score %.3f)  by %s, rank %d%s, in %.1f ms%n", a.getString("label"),
          a.getDouble("score"), answer.getString("model"), answer.getInteger("rank"),
          answer.getBoolean("downgraded") ? ", downgraded" : "", answer.getDouble("elapsed_ms"));
    } else {
      out.printf(Locale.ROOT, "EMPTY  no model answered in time (hand over to a human), in %.1f ms%n",
          answer.getDouble("elapsed_ms"));
    }
    out.printf("  %-12s %-16s %9s %9s%n", "model", "outcome", "fired_ms", "done_ms");
    for (Object o : answer.getJsonArray("trace")) {
      JsonObject entry = (JsonObject) o;
      Double done = entry.getDouble("done_ms");
      out.printf(Locale.ROOT, "  %-12s %-16s %9.1f %9s%n", entry.getString("model"), entry.getString("outcome"),
          entry.getDouble("fired_ms"), done == null ? "-" : String.format(Locale.ROOT, "%.1f", done));
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
