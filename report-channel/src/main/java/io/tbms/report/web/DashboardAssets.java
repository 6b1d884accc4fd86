package io.tbms.report.web;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ops dashboard's files, read once from the jar ({@value #ROOT}): no CDN, nothing fetched from
 * elsewhere. Immutable after construction; thread-safe.
 */
public final class DashboardAssets {

  static final String ROOT = "io/tbms/report/dashboard/";
  static final Map<String, String> FILES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "dashboard.css", "text/css; charset=utf-8",
      "dashboard.js", "text/javascript; charset=utf-8");

  /** One file: its bytes and content type. */
  public record Asset(Buffer body, String contentType) {}

  private final Map<String, Asset> assets = new HashMap<>();

  public DashboardAssets() {
    ClassLoader loader = DashboardAssets.class.getClassLoader();
    FILES.forEach((name, type) -> {
      try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
        if (in == null) {
          throw new IllegalStateException("the dashboard's " + ROOT + name + " is missing from the classpath");
        }
        assets.put(name, new Asset(Buffer.buffer(in.readAllBytes()), type));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  public Optional<Asset> get(String name) {
    return Optional.ofNullable(assets.get(name));
  }
}
