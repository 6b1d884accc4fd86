package io.tbms.dist;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium for browser tests: Debian's {@code /usr/bin/chromium}, driven through
 * {@code /usr/bin/chromedriver} over the W3C WebDriver protocol (JSON over loopback HTTP), with
 * no client library and nothing downloaded. The window is 1280×900.
 *
 * <p>Conditions are JavaScript expressions evaluated in the page; {@link #waitFor} re-evaluates
 * one inside the page until it holds, so the test thread blocks on a single WebDriver call and
 * never sleeps. One instance owns one chromedriver process and one browser session; it is not
 * thread-safe. {@link #close()} ends both.
 *
 * <pre>{@code
 * try (HeadlessChromium browser = HeadlessChromium.start()) {
 *   browser.open("http://127.0.0.1:8080/dashboard/");
 *   browser.waitForText("#status", "live", Duration.ofSeconds(10));
 *   browser.screenshot(Path.of("target/dashboard.png"));
 * }
 * }</pre>
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final int WIDTH = 1280;
  static final int HEIGHT = 900;

  private static final Duration DRIVER_START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern STARTED = Pattern.compile("started successfully on port (\\d+)");
  private static final int LOG_LINES_KEPT = 40;

  /** Polls {@code arguments[0]} (a function body) in the page until it returns truthy. */
  private static final String WAIT_SCRIPT = String.join("\n",
      "const condition = new Function(arguments[0]);",
      "const args = arguments[1];",
      "const done = arguments[arguments.length - 1];",
      "(function check() {",
      "  let held = false;",
      "  try { held = condition.apply(null, args); } catch (e) { held = false; }",
      "  if (held) { done(true); } else { setTimeout(check, 50); }",
      "})();");

  private final Process driver;
  private final HttpClient http;
  private final URI session;

  private HeadlessChromium(Process driver, HttpClient http, URI session) {
    this.driver = driver;
    this.http = http;
    this.session = session;
  }

  /**
   * Starts chromedriver on a free loopback port and opens a browser session.
   *
   * @throws IllegalStateException naming the Debian package to install when chromium or
   *     chromedriver is missing, or with chromedriver's output when it does not start
   */
  static HeadlessChromium start() {
    requireExecutable(CHROMIUM, "chromium");
    requireExecutable(CHROMEDRIVER, "chromium-driver");
    Process driver;
    try {
      driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=0", "--allowed-ips=127.0.0.1")
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + CHROMEDRIVER + ": " + e.getMessage(), e);
    }
    Deque<String> log = new ArrayDeque<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> drain(driver, log, port), "chromedriver-output");
    reader.setDaemon(true);
    reader.start();
    try {
      int driverPort = port.get(DRIVER_START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI base = URI.create("http://127.0.0.1:" + driverPort + "/");
      JsonObject reply = send(http, "POST", base.resolve("session"), new JsonObject()
          .put("capabilities", new JsonObject().put("alwaysMatch", capabilities())));
      String id = reply.getJsonObject("value").getString("sessionId");
      return new HeadlessChromium(driver, http, base.resolve("session/" + id + "/"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      driver.destroyForcibly();
      throw new IllegalStateException("interrupted while starting chromedriver", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      driver.destroyForcibly();
      throw new IllegalStateException("chromedriver did not give a browser session: " + e.getMessage()
          + "\nchromedriver output:\n" + snapshot(log), e);
    }
  }

  /** Navigates and returns once the page's load event has fired. */
  void open(String url) {
    command("POST", "url", new JsonObject().put("url", url));
  }

  /** Runs {@code body} as a function in the page with {@code args} as {@code arguments}. */
  Object script(String body, Object... args) {
    return command("POST", "execute/sync",
        new JsonObject().put("script", body).put("args", new JsonArray(List.of(args)))).getValue("value");
  }

  /** The trimmed text of the first element matching {@code css}, or null when none does. */
  String text(String css) {
    Object text = script("const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;", css);
    return text == null ? null : text.toString();
  }

  /** How many elements match {@code css}. */
  int count(String css) {
    return ((Number) script("return document.querySelectorAll(arguments[0]).length;", css)).intValue();
  }

  /**
   * Waits until {@code conditionBody}, the body of a JavaScript function called with {@code args},
   * returns truthy in the page.
   *
   * @throws AssertionError naming {@code description} when it does not hold within {@code timeout}
   */
  void waitFor(Duration timeout, String description, String conditionBody, Object... args) {
    command("POST", "timeouts", new JsonObject().put("script", timeout.toMillis()));
    try {
      command("POST", "execute/async", new JsonObject().put("script", WAIT_SCRIPT)
          .put("args", new JsonArray().add(conditionBody).add(new JsonArray(List.of(args)))));
    } catch (WebDriverException e) {
      if ("script timeout".equals(e.error)) {
        throw new AssertionError("waited " + timeout.toMillis() + " ms for " + description + "; it never held");
      }
      throw e;
    }
  }

  /** Waits until the first element matching {@code css} has exactly {@code expected} as its trimmed text. */
  void waitForText(String css, String expected, Duration timeout) {
    try {
      waitFor(timeout, css + " to read \"" + expected + "\"",
          "const e = document.querySelector(arguments[0]); return !!e && e.textContent.trim() === arguments[1];",
          css, expected);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + " (it reads " + quoted(text(css)) + ")", e);
    }
  }

  /** Writes a PNG of the viewport to {@code png}, creating its directory. */
  void screenshot(Path png) {
    String base64 = command("GET", "screenshot", null).getString("value");
    try {
      if (png.toAbsolutePath().getParent() != null) Files.createDirectories(png.toAbsolutePath().getParent());
      Files.write(png, Base64.getDecoder().decode(base64));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + png + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      send(http, "DELETE", session, null);
    } catch (RuntimeException e) {
      // the driver is stopped below either way, and the browser with it
    } finally {
      driver.destroy();
      try {
        if (!driver.waitFor(5, TimeUnit.SECONDS)) driver.destroyForcibly();
      } catch (InterruptedException e) {
        driver.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---- protocol ------------------------------------------------------------------------------

  private static JsonObject capabilities() {
    JsonArray args = new JsonArray()
        .add("--headless=new")
        .add("--no-sandbox")
        .add("--disable-gpu")
        .add("--disable-dev-shm-usage")
        .add("--no-first-run")
        .add("--window-size=" + WIDTH + "," + HEIGHT);
    return new JsonObject()
        .put("browserName", "chrome")
        .put("goog:chromeOptions", new JsonObject().put("binary", CHROMIUM.toString()).put("args", args));
  }

  private JsonObject command(String method, String path, JsonObject body) {
    return send(http, method, session.resolve(path), body);
  }

  private static JsonObject send(HttpClient http, String method, URI uri, JsonObject body) {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(COMMAND_TIMEOUT)
        .header("Content-Type", "application/json; charset=utf-8")
        .method(method, publisher)
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + uri + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + uri, e);
    }
    JsonObject reply = response.body().isEmpty() ? new JsonObject() : (JsonObject) Json.decodeValue(response.body());
    if (response.statusCode() >= 400) {
      JsonObject value = reply.getJsonObject("value", new JsonObject());
      throw new WebDriverException(value.getString("error", "HTTP " + response.statusCode()),
          method + " " + uri.getPath() + ": " + value.getString("message", response.body()));
    }
    return reply;
  }

  /** An error reply of the WebDriver protocol; {@code error} is its code, e.g. {@code script timeout}. */
  static final class WebDriverException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String error;

    WebDriverException(String error, String message) {
      super(error + ": " + message, null, false, false);
      this.error = error;
    }
  }

  // ---- driver process ------------------------------------------------------------------------

  static void requireExecutable(Path path, String debianPackage) {
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException("browser tests need " + path + ", from the Debian package "
          + debianPackage + ": run scripts/install-deps.sh as root, or apt-get install " + debianPackage);
    }
  }

  private static void drain(Process driver, Deque<String> log, CompletableFuture<Integer> port) {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        synchronized (log) {
          log.addLast(line);
          if (log.size() > LOG_LINES_KEPT) log.removeFirst();
        }
        Matcher started = STARTED.matcher(line);
        if (started.find()) port.complete(Integer.parseInt(started.group(1)));
      }
    } catch (IOException e) {
      // the process ended; the port future fails below if it never said its port
    }
    port.completeExceptionally(new IllegalStateException("chromedriver exited"));
  }

  private static String snapshot(Deque<String> log) {
    synchronized (log) {
      return String.join("\n", log);
    }
  }

  private static String quoted(String s) {
    return s == null ? "nothing (no such element)" : "\"" + s + "\"";
  }
}
