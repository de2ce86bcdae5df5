package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The lesson workspace in headless Chromium: Python in the browser and on the server, files, saving. */
@RunlabSpec
@Order(80)
class WorkspaceSpec {
  private static final Duration PYTHON_LOAD = Duration.ofSeconds(90);
  private final URI base;

  WorkspaceSpec(URI base) {
    this.base = base;
  }

  @Test
  void lessonPageAndWorkerAreCrossOriginIsolatedAndPyodideIsCachedForALongTime() {
    WebClient web = new WebClient(base);
    HttpResponse<String> page = web.get("lesson.xhtml?l=hello");
    assertThat(page.headers().firstValue("Cross-Origin-Opener-Policy")).contains("same-origin");
    assertThat(page.headers().firstValue("Cross-Origin-Embedder-Policy")).contains("require-corp");
    HttpResponse<String> worker = web.get("static/js/pyodide-worker.mjs");
    assertThat(worker.headers().firstValue("Cross-Origin-Embedder-Policy")).contains("require-corp");
    assertThat(worker.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    HttpResponse<String> wasm = web.get("pyodide/314.0.7/pyodide.asm.wasm");
    assertThat(wasm.headers().firstValue("Content-Type")).contains("application/wasm");
    assertThat(wasm.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
  }

  @Test
  void printRunsInTheBrowserAndShowsOutput() {
    inLesson("hello", b -> {
      setCode(b, "print('hello from ' + 'pyodide')\nprint(6 * 7)");
      run(b);
      waitForVerdict(b, "OK");
      assertThat(console(b)).contains("hello from pyodide", "42");
      assertThat(b.findElement(By.id("engine-badge")).getAttribute("data-engine")).isEqualTo("browser");
      assertThat(b.findElement(By.id("metrics")).getText()).contains("wall", "peak memory");
      assertThat(crossOriginIsolated(b)).isTrue();
    });
  }

  @Test
  void infiniteLoopInTheBrowserIsStoppedWithinTwoSecondsAndTheNextRunWorks() {
    inLesson("hello", b -> {
      setCode(b, "n = 0\nwhile True:\n    n += 1");
      run(b);
      new WebDriverWait(b, Duration.ofSeconds(10))
          .until(ExpectedConditions.textToBe(By.id("verdict"), "Running in your browser..."));
      b.findElement(By.id("stop")).click();
      new WebDriverWait(b, Duration.ofSeconds(2), Duration.ofMillis(50))
          .until(ExpectedConditions.attributeToBe(By.id("verdict"), "data-verdict", "CANCELLED"));
      setCode(b, "print('after the loop')");
      run(b);
      waitForVerdict(b, "OK");
      assertThat(console(b)).contains("after the loop");
    });
  }

  @Test
  void pythonStartsFromItsSavedMemorySnapshotOnTheNextVisitAndStillWorks() {
    inLesson("input-output", b -> {
      new WebDriverWait(b, PYTHON_LOAD)
          .until(ExpectedConditions.attributeToBe(By.id("python-status"), "data-state", "ready"));
      WebDriverWait snapshotStored = new WebDriverWait(b, Duration.ofSeconds(30));
      snapshotStored.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeAsyncScript(
          "const done = arguments[0]; caches.open('runlab-pyodide-314.0.7')"
              + ".then(c => c.keys()).then(k => done(k.length > 0), () => done(false));")));
      b.navigate().refresh();
      waitLoaded(b);
      run(b);
      assertThat(b.findElement(By.id("python-status")).getAttribute("data-snapshot")).isEqualTo("true");
      answer(b, "Grace");
      answer(b, "1906");
      waitForVerdict(b, "OK");
      assertThat(console(b)).contains("Hello Grace, you turn 120 this year.");
      setCode(b, "while True:\n    pass");
      run(b);
      new WebDriverWait(b, Duration.ofSeconds(10))
          .until(ExpectedConditions.textToBe(By.id("verdict"), "Running in your browser..."));
      b.findElement(By.id("stop")).click();
      new WebDriverWait(b, Duration.ofSeconds(2), Duration.ofMillis(50))
          .until(ExpectedConditions.attributeToBe(By.id("verdict"), "data-verdict", "CANCELLED"));
    });
  }

  @Test
  void inputWorksInTheBrowser() {
    inLesson("input-output", b -> {
      run(b);
      answer(b, "Ada");
      answer(b, "1990");
      waitForVerdict(b, "OK");
      assertThat(console(b)).contains("What is your name? Ada", "Hello Ada, you turn 36 this year.");
    });
  }

  @Test
  void programImportingAServerOnlyModuleRunsOnTheServerWithItsReasons() {
    inLesson("hello", b -> {
      setCode(b, "import threading\nprint('threads on the server:', threading.active_count())");
      run(b);
      new WebDriverWait(b, Duration.ofSeconds(60)).until(WorkspaceSpec::finished);
      assertThat(b.findElement(By.id("engine-badge")).getAttribute("data-engine")).isIn("local", "e2b");
      assertThat(b.findElement(By.id("reasons")).getText()).containsIgnoringCase("thread");
      assertThat(b.findElement(By.id("verdict")).getAttribute("data-verdict")).isEqualTo("OK");
      assertThat(console(b)).contains("threads on the server: 1");
    });
  }

  @Test
  void multiFileProjectRunsAndFilesCanBeAdded() {
    inLesson("modules", b -> {
      assertThat(b.findElement(By.id("starter-files")).getText()).contains("main.py", "geometry.py");
      b.findElement(By.id("file-name")).sendKeys("../evil.py");
      b.findElement(By.id("file-add")).click();
      assertThat(b.findElement(By.id("file-message")).getText()).contains("outside the project");
      b.findElement(By.id("file-name")).clear();
      b.findElement(By.id("file-name")).sendKeys("helpers/greeting.py");
      b.findElement(By.id("file-add")).click();
      setCode(b, "def greet(name):\n    return 'Hi ' + name");
      b.findElement(By.cssSelector(".rl-tab[data-path='main.py']")).click();
      setCode(b, "from geometry import circle_area\nfrom helpers.greeting import greet\n"
          + "print(greet('Euclid'), round(circle_area(1), 2))");
      run(b);
      waitForVerdict(b, "OK");
      assertThat(console(b)).contains("Hi Euclid 3.14");
    });
  }

  @Test
  void uncaughtExceptionShowsACleanTracebackOfTheLearnersCode() {
    inLesson("hello", b -> {
      setCode(b, "def divide(a, b):\n    return a / b\n\nprint(divide(1, 0))");
      run(b);
      waitForVerdict(b, "RUNTIME_ERROR");
      String err = b.findElement(By.cssSelector("#console .rl-err")).getText();
      assertThat(err).contains("main.py\", line 4", "line 2, in divide", "ZeroDivisionError")
          .doesNotContain("runlab_run", "/home/pyodide", "_pyodide");
    });
  }

  @Test
  void outputContainingScriptIsShownAsText() {
    inLesson("hello", b -> {
      setCode(b, "print('<script>window.pwned = 1</script><b>bold</b><img src=x onerror=\"window.pwned=2\">')");
      run(b);
      waitForVerdict(b, "OK");
      assertThat(console(b)).contains("<script>window.pwned = 1</script><b>bold</b>");
      assertThat(b.findElements(By.cssSelector("#console script, #console b, #console img"))).isEmpty();
      assertThat(((JavascriptExecutor) b).executeScript("return window.pwned === undefined")).isEqualTo(true);
    });
  }

  @Test
  void autoSaveThenReloadRestoresTheCode() {
    WebDriver b = BrowserSpec.chromium();
    try {
      signUpInBrowser(b, "hello");
      String code = "print('saved " + UUID.randomUUID() + "')";
      setCode(b, code);
      waitSaved(b);
      b.navigate().refresh();
      waitLoaded(b);
      assertThat(code(b)).isEqualTo(code);
    } finally {
      b.quit();
    }
  }

  @Test
  void aFailedSaveIsShownOnThePageAndRetried() {
    WebDriver b = BrowserSpec.chromium();
    try {
      signUpInBrowser(b, "hello");
      ((JavascriptExecutor) b).executeScript(
          "const real = window.fetch; let failures = 1;"
              + "window.fetch = (url, opts) => String(url).includes('/snapshots') && failures-- > 0"
              + " ? Promise.reject(new TypeError('network down')) : real(url, opts);");
      setCode(b, "print('saved on the second try')");
      new WebDriverWait(b, Duration.ofSeconds(20))
          .until(ExpectedConditions.attributeToBe(By.id("save-status"), "data-state", "failed"));
      assertThat(b.findElement(By.id("save-status")).getText()).contains("Not saved", "Retrying");
      waitSaved(b);
      b.navigate().refresh();
      waitLoaded(b);
      assertThat(code(b)).isEqualTo("print('saved on the second try')");
    } finally {
      b.quit();
    }
  }

  @Test
  void aHistoryEntryCanBeComparedAndRestored() {
    WebDriver b = BrowserSpec.chromium();
    try {
      signUpInBrowser(b, "hello");
      setCode(b, "print('first version')");
      waitSaved(b);
      setCode(b, "print('second version')");
      waitSaved(b);
      b.findElement(By.id("history-toggle")).click();
      WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(20));
      wait.until(d -> d.findElements(By.cssSelector("#history-list .rl-snap")).size() >= 2);
      List<WebElement> entries = b.findElements(By.cssSelector("#history-list .rl-snap"));
      entries.get(1).findElement(By.className("rl-compare")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("diff"), "first version"));
      assertThat(b.findElement(By.id("diff")).getText()).contains("- print('first version')", "+ print('second version')");
      b.findElements(By.cssSelector("#history-list .rl-snap")).get(1).findElement(By.className("rl-restore")).click();
      wait.until(d -> code(d).equals("print('first version')"));
      b.navigate().refresh();
      waitLoaded(b);
      assertThat(code(b)).isEqualTo("print('first version')");
    } finally {
      b.quit();
    }
  }

  @Test
  void anonymousVisitorSeesTheBannerAndSigningUpKeepsTheirCode() {
    WebDriver b = BrowserSpec.chromium();
    try {
      b.get(base.resolve("lesson.xhtml?l=hello").toString());
      waitLoaded(b);
      assertThat(b.findElement(By.id("anon-banner")).getText()).contains("Create an account to save your code");
      String code = "print('written before signing up')";
      setCode(b, code);
      new WebDriverWait(b, Duration.ofSeconds(10))
          .until(ExpectedConditions.attributeToBe(By.id("save-status"), "data-state", "local"));
      b.navigate().refresh();
      waitLoaded(b);
      assertThat(code(b)).isEqualTo(code);
      b.findElement(By.id("anon-signup")).click();
      fillSignUp(b);
      new WebDriverWait(b, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("lesson.xhtml"));
      waitLoaded(b);
      assertThat(b.findElements(By.id("anon-banner"))).isEmpty();
      assertThat(code(b)).isEqualTo(code);
      assertThat(b.findElement(By.id("save-status")).getText()).contains("saved in your account");
      b.findElement(By.id("history-toggle")).click();
      new WebDriverWait(b, Duration.ofSeconds(20)).until(
          ExpectedConditions.textToBePresentInElementLocated(By.id("history-list"), "from before sign-up"));
    } finally {
      b.quit();
    }
  }

  @Test
  void theQuotaWarningAndTheWayToMoreRunsShowOnThePage() {
    WebDriver b = BrowserSpec.chromium();
    try {
      String email = signUpInBrowser(b, "hello");
      QuotaSpec.override(base, "USER", email, java.util.Map.of("runsPerHour", "1"));
      setCode(b, "import threading\nprint('one server run')");
      run(b);
      new WebDriverWait(b, Duration.ofSeconds(60)).until(WorkspaceSpec::finished);
      assertThat(b.findElement(By.id("verdict")).getAttribute("data-verdict")).as("console: %s", console(b))
          .isEqualTo("OK");
      assertThat(b.findElement(By.id("quota")).getText()).isEqualTo("0 server runs left this hour");

      run(b);
      new WebDriverWait(b, Duration.ofSeconds(30))
          .until(d -> "PROBLEM".equals(d.findElement(By.id("verdict")).getAttribute("data-verdict")));
      assertThat(b.findElement(By.id("quota-message")).getText()).contains("this hour's 1 server runs");
      assertThat(b.findElement(By.id("quota-link")).getAttribute("href")).contains("upgrade.xhtml");
    } finally {
      b.quit();
    }
  }

  // --- helpers ---

  private void inLesson(String lesson, Consumer<WebDriver> test) {
    WebDriver b = BrowserSpec.chromium();
    try {
      b.get(base.resolve("lesson.xhtml?l=" + lesson).toString());
      waitLoaded(b);
      test.accept(b);
    } finally {
      b.quit();
    }
  }

  /** Signs a new learner up in the browser and comes back to the lesson; their email. */
  private String signUpInBrowser(WebDriver b, String lesson) {
    b.get(base.resolve("signup.xhtml?next=lesson.xhtml%3Fl%3D" + lesson).toString());
    String email = fillSignUp(b);
    new WebDriverWait(b, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("lesson.xhtml"));
    waitLoaded(b);
    return email;
  }

  private static String fillSignUp(WebDriver b) {
    String email = AccountSpec.uniqueEmail();
    new WebDriverWait(b, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("email")))
        .sendKeys(email);
    b.findElement(By.id("displayName")).sendKeys("Ada Lovelace");
    b.findElement(By.id("password")).sendKeys("analytical engine 43");
    b.findElement(By.id("submit")).click();
    return email;
  }

  static void waitLoaded(WebDriver b) {
    new WebDriverWait(b, Duration.ofSeconds(30))
        .until(ExpectedConditions.attributeToBe(By.id("workspace"), "data-loaded", "true"));
  }

  private static void waitSaved(WebDriver b) {
    new WebDriverWait(b, Duration.ofSeconds(20))
        .until(ExpectedConditions.attributeToBe(By.id("save-status"), "data-state", "saved"));
  }

  static void run(WebDriver b) {
    new WebDriverWait(b, PYTHON_LOAD)
        .until(ExpectedConditions.attributeToBe(By.id("python-status"), "data-state", "ready"));
    new WebDriverWait(b, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
  }

  private static void waitForVerdict(WebDriver b, String verdict) {
    new WebDriverWait(b, Duration.ofSeconds(30))
        .until(WorkspaceSpec::finished);
    assertThat(b.findElement(By.id("verdict")).getAttribute("data-verdict"))
        .as("verdict; console: %s", console(b)).isEqualTo(verdict);
  }

  static boolean finished(WebDriver d) {
    String verdict = d.findElement(By.id("verdict")).getAttribute("data-verdict");
    return verdict != null && !verdict.isEmpty() && d.findElement(By.id("run")).isEnabled();
  }

  private static void answer(WebDriver b, String text) {
    WebElement box = new WebDriverWait(b, Duration.ofSeconds(30))
        .until(ExpectedConditions.elementToBeClickable(By.id("console-input")));
    box.sendKeys(text, Keys.ENTER);
    new WebDriverWait(b, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(box));
  }

  static String console(WebDriver b) {
    return b.findElement(By.id("console")).getText();
  }

  private static boolean crossOriginIsolated(WebDriver b) {
    return Boolean.TRUE.equals(((JavascriptExecutor) b).executeScript("return self.crossOriginIsolated"));
  }

  static void setCode(WebDriver b, String code) {
    ((JavascriptExecutor) b).executeScript("window.runlabEditor.setValue(arguments[0])", code);
  }

  static String code(WebDriver b) {
    return (String) ((JavascriptExecutor) b).executeScript("return window.runlabEditor.getValue()");
  }
}
