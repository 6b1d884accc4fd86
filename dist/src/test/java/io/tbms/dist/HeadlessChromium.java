package io.tbms.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for browser tests: Debian's {@code /usr/bin/chromium} driven by
 * Selenium through Debian's {@code /usr/bin/chromedriver}. Both paths are given, so Selenium
 * Manager never looks for (or downloads) a browser or driver. The window is 1280×900.
 *
 * <p>Conditions are JavaScript function bodies evaluated in the page; {@link #waitFor} polls one
 * with Selenium's {@link WebDriverWait}. One instance owns one chromedriver process and one
 * browser session; it is not thread-safe. {@link #close()} ends both.
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

  private final ChromeDriver driver;

  private HeadlessChromium(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts chromedriver and a headless browser session. */
  static HeadlessChromium start() {
    requireExecutable(CHROMIUM, "chromium");
    requireExecutable(CHROMEDRIVER, "chromium-driver");
    System.setProperty("SE_AVOID_STATS", "true");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=" + WIDTH + "," + HEIGHT, "--hide-scrollbars");
    return new HeadlessChromium(new ChromeDriver(service, options));
  }

  /** Navigates and returns once the page's load event has fired. */
  void open(String url) {
    driver.get(url);
  }

  /** Runs {@code body} as a function in the page with {@code args} as {@code arguments}. */
  Object script(String body, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(body, args);
  }

  /** The trimmed text of the first element matching {@code css}, or null when none does. */
  String text(String css) {
    Object text = script("const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;", css);
    return text == null ? null : text.toString();
  }

  /** How many elements match {@code css}. */
  int count(String css) {
    return driver.findElements(By.cssSelector(css)).size();
  }

  /**
   * Waits until {@code conditionBody}, the body of a JavaScript function called with {@code args},
   * returns truthy in the page.
   *
   * @throws AssertionError naming {@code description} when it does not hold within {@code timeout}
   */
  void waitFor(Duration timeout, String description, String conditionBody, Object... args) {
    try {
      new WebDriverWait(driver, timeout, Duration.ofMillis(100))
          .until(d -> Boolean.TRUE.equals(script("return !!(function () {" + conditionBody + "}).apply(null, arguments);", args)));
    } catch (TimeoutException e) {
      throw new AssertionError("waited " + timeout.toMillis() + " ms for " + description + "; it never held");
    }
  }

  /** Waits until the first element matching {@code css} has exactly {@code expected} as its trimmed text. */
  void waitForText(String css, String expected, Duration timeout) {
    try {
      waitFor(timeout, css + " to read \"" + expected + "\"",
          "const e = document.querySelector(arguments[0]); return !!e && e.textContent.trim() === arguments[1];",
          css, expected);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + " (it reads \"" + text(css) + "\")", e);
    }
  }

  /** Writes a PNG of the viewport to {@code png}, creating its directory. */
  void screenshot(Path png) {
    byte[] bytes = driver.getScreenshotAs(OutputType.BYTES);
    try {
      Path parent = png.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(png, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }

  static void requireExecutable(Path path, String debianPackage) {
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException("browser tests need " + path + ", from the Debian package "
          + debianPackage + ": run scripts/install-deps.sh as root, or apt-get install " + debianPackage);
    }
  }
}
