package org.runlab.workspace.bench;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Benchmarks the lesson page in headless Chromium, run by bench/pages.sh (not a test): page load
 * to "Python ready" with an empty HTTP cache (fresh profile) and with a warm one (same profile,
 * page opened again), and Run to first output of print('hi') in the browser and on the local
 * engine. Times come from the page's own performance clock (window.runlabTimings).
 */
public final class PagesBench {
  private PagesBench() {}

  public static void main(String[] args) {
    String lesson = args[0].replaceAll("/$", "") + "/lesson.xhtml?l=hello";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<Double> cold = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    List<Double> browser = new ArrayList<>();
    List<Double> local = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      WebDriver b = chromium();
      try {
        cold.add(load(b, lesson));
        warm.add(load(b, lesson));
        warm.add(load(b, lesson));
        for (int i = 0; i < runs; i++) {
          browser.add(firstOutput(b, "print('hi')", "browser"));
          local.add(firstOutput(b, "import threading\nprint('hi')", "local"));
        }
      } finally {
        b.quit();
      }
    }
    System.out.println("| measurement | n | min | median | p90 | max |");
    System.out.println("|---|---|---|---|---|---|");
    row("page load to Python ready, cold (empty cache, new profile)", cold);
    row("page load to Python ready, warm HTTP cache (same profile, reopened)", warm);
    row("Run to first output, print('hi') in the browser", browser);
    row("Run to first output, print('hi') on the local engine", local);
  }

  private static double load(WebDriver b, String url) {
    b.get(url);
    try {
      new WebDriverWait(b, Duration.ofSeconds(120))
          .until(ExpectedConditions.attributeToBe(By.id("python-status"), "data-state", "ready"));
    } catch (RuntimeException e) {
      String page = b.getPageSource();
      throw new IllegalStateException("Python did not get ready at " + b.getCurrentUrl() + ": "
          + page.substring(0, Math.min(page.length(), 1500)), e);
    }
    new WebDriverWait(b, Duration.ofSeconds(30))
        .until(ExpectedConditions.attributeToBe(By.id("workspace"), "data-loaded", "true"));
    return ((Number) js(b, "return window.runlabTimings.pythonReady")).doubleValue();
  }

  private static double firstOutput(WebDriver b, String code, String engine) {
    js(b, "window.runlabEditor.setValue(arguments[0]); delete window.runlabTimings.firstOutput;", code);
    new WebDriverWait(b, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
    new WebDriverWait(b, Duration.ofSeconds(60), Duration.ofMillis(20))
        .until(d -> js(d, "return window.runlabTimings.firstOutput") != null);
    try {
      new WebDriverWait(b, Duration.ofSeconds(60)).until(ExpectedConditions.elementToBeClickable(By.id("run")));
    } catch (RuntimeException e) {
      throw new IllegalStateException("the run did not finish: " + js(b,
          "return document.getElementById('status').innerText + ' | ' + document.getElementById('console').innerText"), e);
    }
    String used = b.findElement(By.id("engine-badge")).getAttribute("data-engine");
    if (!engine.equals(used)) {
      throw new IllegalStateException("expected engine " + engine + " but the run used " + used);
    }
    return ((Number) js(b, "return window.runlabTimings.firstOutput - window.runlabTimings.runClicked")).doubleValue();
  }

  private static Object js(WebDriver b, String script, Object... args) {
    return ((JavascriptExecutor) b).executeScript(script, args);
  }

  private static void row(String name, List<Double> ms) {
    List<Double> s = new ArrayList<>(ms);
    Collections.sort(s);
    System.out.printf(Locale.ROOT, "| %s | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n", name, s.size(),
        s.get(0), s.get(s.size() / 2), s.get((int) Math.min(s.size() - 1, Math.ceil(s.size() * 0.9) - 1)),
        s.get(s.size() - 1));
  }

  private static WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--window-size=1280,900");
    return new ChromeDriver(new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
  }
}
