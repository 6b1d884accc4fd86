package io.tbms.dist;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tbms resources}: a broker's view of devices, replicas and placement advice. */
@Command(
    name = "resources",
    mixinStandardHelpOptions = true,
    description = {
      "Show what the resource manager knows (GET /api/resources of a broker): each device's",
      "occupancy and the share of each model on it, where every replica runs, and placement advice",
      "(co-locate light models to free devices; add a replica when a device runs hot)."
    })
public final class ResourcesCommand implements Callable<Integer> {

  @Option(names = "--broker", paramLabel = "URL", description = "The broker (default: ${DEFAULT-VALUE}).")
  String broker = "http://127.0.0.1:8080";

  @Option(names = "--json", description = "Print the broker's JSON as it is.")
  boolean json;

  @Override
  public Integer call() {
    String body;
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(broker.replaceAll("/+$", "") + "/api/resources"))
          .timeout(Duration.ofSeconds(10)).GET().build();
      HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        System.err.println("resources: " + broker + " answered " + response.statusCode() + ": " + response.body());
        return 1;
      }
      body = response.body();
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("resources: cannot reach " + broker + ": " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    if (json) {
      System.out.println(body);
      return 0;
    }
    try {
      print(new JsonObject(body), System.out);
    } catch (DecodeException | ClassCastException e) {
      System.err.println("resources: " + broker + " did not answer with the resources JSON: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  static void print(JsonObject resources, PrintStream out) {
    JsonArray devices = resources.getJsonArray("devices", new JsonArray());
    out.println("DEVICES");
    if (devices.isEmpty()) {
      out.println("  none known yet (the first scrape has not finished, or no backend exports metrics)");
    } else {
      out.printf(Locale.ROOT, "  %-22s %-4s %7s %7s  %-5s %s%n", "DEVICE", "KIND", "USED", "FREE", "STATE", "MODELS (share of the device)");
      for (Object o : devices) {
        JsonObject d = (JsonObject) o;
        out.printf(Locale.ROOT, "  %-22s %-4s %7s %7s  %-5s %s%n", d.getString("id"), d.getString("kind"),
            percent(d.getDouble("used")), percent(d.getDouble("free")), d.getBoolean("down", false) ? "down" : "up",
            shares(d.getJsonObject("models", new JsonObject())));
      }
    }
    JsonArray replicas = resources.getJsonArray("replicas", new JsonArray());
    out.println();
    out.println("REPLICAS");
    out.printf(Locale.ROOT, "  %-12s %-22s %-5s %s%n", "MODEL", "ADDRESS", "STATE", "DEVICES");
    for (Object o : replicas) {
      JsonObject r = (JsonObject) o;
      out.printf(Locale.ROOT, "  %-12s %-22s %-5s %s%n", r.getString("model"), r.getString("address"),
          r.getBoolean("down", false) ? "down" : "up", String.join(", ", r.getJsonArray("device_ids", new JsonArray()).getList()));
    }
    JsonArray advice = resources.getJsonArray("advice", new JsonArray());
    out.println();
    out.println("ADVICE");
    if (advice.isEmpty()) {
      out.println("  none: no light devices to consolidate, no hot device");
    }
    for (Object o : advice) {
      JsonObject a = (JsonObject) o;
      out.printf(Locale.ROOT, "  %-11s %s%n", a.getString("kind"), a.getString("reason"));
    }
  }

  private static String shares(JsonObject models) {
    if (models.isEmpty()) {
      return "-";
    }
    return models.getMap().entrySet().stream()
        .sorted(Map.Entry.<String, Object>comparingByValue((x, y) -> Double.compare(((Number) y).doubleValue(), ((Number) x).doubleValue())))
        .map(e -> e.getKey() + " " + percent(((Number) e.getValue()).doubleValue()))
        .collect(Collectors.joining(", "));
  }

  private static String percent(Double share) {
    return share == null ? "-" : String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
