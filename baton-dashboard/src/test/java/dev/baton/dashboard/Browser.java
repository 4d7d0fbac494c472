package dev.baton.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, through chromium-driver and Selenium: waits, screenshots, the
 * console's errors, and axe-core injected from node_modules.
 */
final class Browser implements AutoCloseable {
  static final Dimension LAPTOP = new Dimension(1280, 900);
  static final Dimension PHONE = new Dimension(390, 844);
  /** Where screenshots go (the README names it). */
  static final Path SHOTS = Path.of("target", "screenshots");
  static final Path AXE = Path.of("src", "test", "axe", "node_modules", "axe-core", "axe.min.js");

  final ChromeDriver driver;
  private final List<String> consoleErrors = new ArrayList<>();

  Browser() {
    ChromeOptions o = new ChromeOptions();
    o.setBinary("/usr/bin/chromium");
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=he-IL");
    o.setExperimentalOption("prefs", Map.of("intl.accept_languages", "he-IL,he,en"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
    driver = new ChromeDriver(service, o);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  void get(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  <T> T until(Function<WebDriver, T> condition) {
    try {
      // why: live fragments are swapped in place; an element read mid-swap is read again
      return new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(100))
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(condition);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("waited in vain at " + driver.getCurrentUrl() + "; console: "
          + consoleErrors() + "; page:\n" + driver.getPageSource(), e);
    }
  }

  WebElement waitFor(String css) {
    return until(d -> {
      var found = d.findElements(By.cssSelector(css));
      return found.isEmpty() ? null : found.getFirst();
    });
  }

  /** Clicks {@code css} once it is there, again if a live update replaced it meanwhile. */
  void click(String css) {
    until(d -> {
      var found = d.findElements(By.cssSelector(css));
      if (found.isEmpty()) {
        return null;
      }
      found.getFirst().click();
      return true;
    });
  }

  /** An attribute of {@code css}, read again if a live update replaced the element. */
  String attr(String css, String name) {
    return until(d -> {
      var found = d.findElements(By.cssSelector(css));
      return found.isEmpty() ? null : String.valueOf(found.getFirst().getAttribute(name));
    });
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Saves the page at laptop and phone width as NAME-laptop.png and NAME-phone.png. */
  void shots(String name) throws Exception {
    Files.createDirectories(SHOTS);
    for (var size : List.of(LAPTOP, PHONE)) {
      driver.manage().window().setSize(size);
      Thread.sleep(150);
      // why: the whole page, not only what fits the window (capped, for very long pages)
      long height = Math.min(6000, ((Number) js(
          "return document.documentElement.scrollHeight")).longValue());
      Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
          "format", "png", "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0,
              "width", size.getWidth(), "height", height, "scale", 1)));
      Files.write(SHOTS.resolve(name + "-" + (size == LAPTOP ? "laptop" : "phone") + ".png"),
          java.util.Base64.getDecoder().decode((String) shot.get("data")));
    }
    driver.manage().window().setSize(LAPTOP);
  }

  /** The console's errors since the last call (SEVERE entries). */
  List<String> consoleErrors() {
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
        consoleErrors.add(e.getMessage());
      }
    }
    List<String> out = List.copyOf(consoleErrors);
    consoleErrors.clear();
    return out;
  }

  /** axe-core's serious and critical violations on the current page, as "id: target" lines. */
  @SuppressWarnings("unchecked")
  List<String> axeViolations() throws Exception {
    String axe = Files.readString(AXE);
    js(axe);
    Object result = driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
          .filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))));""");
    return (List<String>) result;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
