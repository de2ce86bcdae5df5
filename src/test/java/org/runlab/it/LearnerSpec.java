package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A learner in headless Chromium at 1366x768: by keyboard alone, with axe-core checking every
 * learner page, at the quota limit, typing into a server program, seeing plots and tracebacks from
 * the server, reopening earlier runs, following their progress and coming back after signing in.
 */
@RunlabSpec
@Order(85)
class LearnerSpec {
  private static final Duration PYTHON_LOAD = Duration.ofSeconds(90);
  private static final Path AXE = Path.of(System.getProperty("runlab.home", System.getProperty("user.dir")))
      .resolve("target/axe-core/axe.min.js");

  private final URI base;

  LearnerSpec(URI base) {
    this.base = base;
  }

  @Test
  void aKeyboardOnlyLearnerTabsIntoAndOutOfTheEditorRunsAndHearsTheVerdict() {
    inLesson("hello", b -> {
      js(b, "if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0);");
      WebElement editorInput = null;
      for (int i = 0; i < 60 && editorInput == null; i++) {
        new Actions(b).sendKeys(Keys.TAB).perform();
        WebElement now = active(b);
        if ("Code editor".equals(now.getAttribute("aria-label"))) {
          editorInput = now;
        }
      }
      assertThat(editorInput).as("Tab reaches the code editor").isNotNull();
      assertThat(editorInput.getAttribute("aria-describedby")).isEqualTo("editor-hint");
      assertThat(b.findElement(By.id("editor-hint")).getAttribute("textContent")).contains("Escape", "Tab");

      new Actions(b).sendKeys(Keys.TAB).perform();
      assertThat(active(b)).as("Tab alone indents").isEqualTo(editorInput);
      assertThat(WorkspaceSpec.code(b)).startsWith("    ");
      new Actions(b).sendKeys(Keys.BACK_SPACE).perform();

      new Actions(b).sendKeys(Keys.ESCAPE).sendKeys(Keys.TAB).perform();
      assertThat(active(b).getAttribute("id")).as("Esc then Tab leaves the editor for Run").isEqualTo("run");
      new Actions(b).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
      assertThat(active(b)).as("Shift+Tab goes back into the editor").isEqualTo(editorInput);
      new Actions(b).sendKeys(Keys.ESCAPE).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
      assertThat(active(b)).as("Esc then Shift+Tab leaves backwards").isNotEqualTo(editorInput);
      new Actions(b).sendKeys(Keys.TAB).perform();
      new Actions(b).sendKeys(Keys.ESCAPE).sendKeys(Keys.TAB).perform();
      assertThat(active(b).getAttribute("id")).isEqualTo("run");

      waitPython(b);
      new Actions(b).sendKeys(Keys.ENTER).perform();
      waitForVerdict(b, "OK");
      WebElement verdict = b.findElement(By.id("verdict"));
      assertThat(verdict.getAttribute("aria-live")).isEqualTo("polite");
      assertThat(verdict.getAttribute("role")).isEqualTo("status");
      assertThat(verdict.getText()).isEqualTo("Your program finished.");
      assertThat(active(b).getAttribute("id")).as("focus goes to the result").isEqualTo("verdict");
      assertThat(inView(b, "verdict")).isTrue();

      // Stop and the console are next in the Tab order.
      assertThat(b.findElement(By.id("console")).getAttribute("tabindex")).isEqualTo("0");
      assertThat(b.findElement(By.id("stdin")).getAttribute("aria-label")).contains("Input for the program");
    });
  }

  @Test
  void theSecondTabStopSkipsStraightToTheCodeEditor() {
    inLesson("hello", b -> {
      js(b, "if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0);");
      new Actions(b).sendKeys(Keys.TAB).perform();
      assertThat(active(b).getText()).isEqualTo("Skip to content");
      new Actions(b).sendKeys(Keys.TAB).perform();
      assertThat(active(b).getAttribute("id")).isEqualTo("skip-to-editor");
      assertThat(active(b).isDisplayed()).isTrue();
      new Actions(b).sendKeys(Keys.ENTER).perform();
      assertThat(active(b).getAttribute("aria-label")).isEqualTo("Code editor");
    });
  }

  @Test
  void theEditorRunAndTheFirstLinesOfOutputAreVisibleTogetherAt1366x768() {
    inLesson("hello", b -> {
      WorkspaceSpec.setCode(b, "for i in range(40):\n    print('line', i)");
      run(b);
      waitForVerdict(b, "OK");
      assertThat(inView(b, "run")).as("Run visible").isTrue();
      assertThat(inView(b, "verdict")).as("verdict visible").isTrue();
      assertThat(((Number) js(b, "const r = document.querySelector('#console span').getBoundingClientRect();"
          + "return r.top < window.innerHeight && r.bottom > 0 ? 1 : 0")).intValue()).as("first output line visible")
          .isEqualTo(1);
      assertThat(((Number) js(b, "const r = document.querySelector('#editor-form .CodeMirror').getBoundingClientRect();"
          + "return r.bottom > 40 && r.top < window.innerHeight ? 1 : 0")).intValue()).as("editor visible").isEqualTo(1);
      b.findElement(By.id("runs-toggle")).click();
      new WebDriverWait(b, Duration.ofSeconds(10)).until(d -> inView(d, "runs-title"));
    });
  }

  @Test
  void everyLearnerPageHasNoSeriousOrCriticalAccessibilityViolations() throws Exception {
    WebDriver b = browser();
    try {
      for (String page : List.of("", "lesson.xhtml?l=hello", "signin.xhtml", "signup.xhtml", "upgrade.xhtml")) {
        b.get(base.resolve(page).toString());
        if (page.startsWith("lesson")) {
          waitLoaded(b);
          waitPython(b);
        }
        assertThat(seriousViolations(b)).as("axe-core on /%s", page).isEmpty();
      }
      // The lesson page with its panels open and a result shown.
      b.get(base.resolve("lesson.xhtml?l=input-output").toString());
      waitLoaded(b);
      run(b);
      new WebDriverWait(b, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(By.id("console-input")));
      assertThat(seriousViolations(b)).as("axe-core while a program asks for input").isEmpty();
      b.findElement(By.id("console-input")).sendKeys("Ada", Keys.ENTER);
      new WebDriverWait(b, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(By.id("console-input")))
          .sendKeys("1990", Keys.ENTER);
      waitForVerdict(b, "OK");
      b.findElement(By.id("runs-toggle")).click();
      new WebDriverWait(b, Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#runs-list .rl-run")).isEmpty());
      assertThat(seriousViolations(b)).as("axe-core with the Runs panel open").isEmpty();
    } finally {
      b.quit();
    }
  }

  @Test
  void atTheQuotaLimitTheLearnerGetsOneMessageALinkToMoreAndKeepsTheirOutput() {
    WebDriver b = browser();
    try {
      // The learner is in Tokyo: the reset time is theirs, not the server's UTC.
      ((org.openqa.selenium.chrome.ChromeDriver) b).executeCdpCommand("Emulation.setTimezoneOverride",
          Map.of("timezoneId", "Asia/Tokyo"));
      String email = signUp(b, "hello");
      QuotaSpec.override(base, "USER", email, Map.of("runsPerHour", "1"));
      WorkspaceSpec.setCode(b, "import threading\nprint('the one server run')");
      run(b);
      waitForVerdict(b, "OK");
      run(b);
      new WebDriverWait(b, Duration.ofSeconds(30))
          .until(d -> "PROBLEM".equals(d.findElement(By.id("verdict")).getAttribute("data-verdict")));
      assertThat(console(b)).as("the earlier output stays").contains("the one server run");
      String message = b.findElement(By.id("quota-message")).getText();
      assertThat(message).contains("this hour's 1 server runs", "start again at").doesNotContain("UTC");
      String shownTime = (String) js(b, "return new Date(arguments[0]).toLocaleTimeString([], "
          + "{hour: '2-digit', minute: '2-digit', timeZoneName: 'short'})", nextHourIso());
      assertThat(message).contains(shownTime);
      String status = b.findElement(By.id("status")).getText();
      assertThat(status.split("start again", -1)).as("said once: %s", status).hasSize(2);
      WebElement link = b.findElement(By.id("quota-link"));
      assertThat(link.getText()).isEqualTo("Upgrade for more server runs");
      link.click();
      new WebDriverWait(b, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("upgrade.xhtml"));
      assertThat(b.findElement(By.tagName("h1")).getText()).isEqualTo("More server runs");
    } finally {
      b.quit();
    }
  }

  @Test
  void aServerProgramsInputIsAnsweredInTheConsole() {
    inLesson("input-output", b -> {
      WorkspaceSpec.setCode(b, "import threading\nname = input('What is your name? ')\nprint('Hello', name, 'from the server')");
      run(b);
      WebElement box = new WebDriverWait(b, Duration.ofSeconds(60))
          .until(ExpectedConditions.elementToBeClickable(By.id("console-input")));
      assertThat(b.findElement(By.id("engine-badge")).getAttribute("data-engine")).isEqualTo("local");
      assertThat(active(b)).isEqualTo(box);
      box.sendKeys("Grace", Keys.ENTER);
      waitForVerdict(b, "OK");
      assertThat(console(b)).contains("What is your name? Grace", "Hello Grace from the server");
    });
  }

  @Test
  void aMatplotlibPlotFromALocalRunIsShownInlineAndFilesAreOfferedForDownload() {
    inLesson("hello", b -> {
      WorkspaceSpec.setCode(b, "import matplotlib.pyplot as plt\nplt.plot([1, 4, 9])\nplt.savefig('chart.png')\n"
          + "plt.show()\nopen('numbers.csv', 'w').write('1,4,9')\nprint('plotted')");
      run(b);
      new WebDriverWait(b, Duration.ofSeconds(60)).until(LearnerSpec::finished);
      assertThat(b.findElement(By.id("verdict")).getAttribute("data-verdict")).as(console(b)).isEqualTo("OK");
      assertThat(b.findElement(By.id("engine-badge")).getAttribute("data-engine")).isEqualTo("local");
      List<WebElement> plots = b.findElements(By.cssSelector("#console img.rl-plot"));
      assertThat(plots).hasSize(2);
      new WebDriverWait(b, Duration.ofSeconds(10)).until(d -> ((Number) js(d,
          "return document.querySelector('#console img.rl-plot').naturalWidth")).intValue() > 100);
      assertThat(plots.get(1).getAttribute("alt")).contains("Plot");
      assertThat(b.findElement(By.id("download-list")).getText()).contains("chart.png", "numbers.csv", "out/plot-1.png");
      assertThat(b.findElement(By.cssSelector("#download-list a[download='numbers.csv']")).getAttribute("href"))
          .startsWith("data:text/csv;base64,");
    });
  }

  @Test
  void aTracebackFromTheServerNamesMainPy() {
    inLesson("hello", b -> {
      WorkspaceSpec.setCode(b, "import threading\n\ndef half(n):\n    return n / 0\n\nprint(half(3))");
      run(b);
      new WebDriverWait(b, Duration.ofSeconds(60)).until(LearnerSpec::finished);
      assertThat(b.findElement(By.id("engine-badge")).getAttribute("data-engine")).isEqualTo("local");
      String err = b.findElement(By.cssSelector("#console .rl-err")).getText();
      assertThat(err).contains("File \"main.py\", line 6, in <module>", "File \"main.py\", line 4, in half",
          "ZeroDivisionError").doesNotContain("/work", "runner");
    });
  }

  @Test
  void theRunsPanelListsAnEarlierRunAndPutsItsCodeBackInTheEditor() {
    WebDriver b = browser();
    try {
      signUp(b, "hello");
      WorkspaceSpec.setCode(b, "print('the first version ran')");
      run(b);
      waitForVerdict(b, "OK");
      WorkspaceSpec.setCode(b, "print('a later version')");
      b.findElement(By.id("runs-toggle")).click();
      WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(20));
      WebElement entry = wait.until(d -> d.findElements(By.cssSelector("#runs-list .rl-run")).stream()
          .filter(e -> e.getText().contains("the first version ran")).findFirst().orElse(null));
      assertThat(entry.getText()).contains("Your browser", "Your program finished.");
      assertThat(inView(b, "runs-title")).isTrue();
      entry.findElement(By.className("rl-run-open")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-view-output"), "the first version ran"));
      assertThat(b.findElement(By.id("run-view-code")).getText()).isEqualTo("print('the first version ran')");
      b.findElement(By.id("run-view-restore")).click();
      wait.until(d -> WorkspaceSpec.code(d).equals("print('the first version ran')"));
    } finally {
      b.quit();
    }
  }

  @Test
  void theCoursePageShowsVisitedAndCompletedLessonsAndEachLessonEndsWithTheNextOne() {
    WebDriver b = browser();
    try {
      signUp(b, "hello");
      b.get(base.toString());
      assertThat(progress(b, "hello")).isEqualTo("visited");
      assertThat(progress(b, "modules")).isEqualTo("not-started");
      b.get(base.resolve("lesson.xhtml?l=hello").toString());
      waitLoaded(b);
      run(b);
      waitForVerdict(b, "OK");
      assertThat(b.findElement(By.id("lesson-progress")).getAttribute("data-completed")).isEqualTo("true");
      WebElement next = b.findElement(By.id("next-lesson"));
      assertThat(next.getText()).startsWith("Next lesson:");
      String nextHref = next.getAttribute("href");
      new WebDriverWait(b, Duration.ofSeconds(20)).until(d -> {
        d.get(base.toString());
        return "completed".equals(progress(d, "hello"));
      });
      assertThat(b.findElement(By.cssSelector("[data-lesson='hello'] .rl-progress-mark")).getText()).isEqualTo("Completed");
      b.get(nextHref);
      waitLoaded(b);
      assertThat(b.getCurrentUrl()).doesNotContain("l=hello");
    } finally {
      b.quit();
    }
  }

  @Test
  void signingInReturnsToThePageThatAskedForIt() {
    WebDriver b = browser();
    try {
      String email = signUp(b, "hello");
      b.findElement(By.id("nav:signout")).click();
      new WebDriverWait(b, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("nav-signin")));
      b.get(base.resolve("lesson.xhtml?l=modules").toString());
      waitLoaded(b);
      b.findElement(By.id("nav-signin")).click();
      new WebDriverWait(b, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("email")))
          .sendKeys(email);
      b.findElement(By.id("password")).sendKeys("analytical engine 43");
      b.findElement(By.id("submit")).click();
      new WebDriverWait(b, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("lesson.xhtml?l=modules"));
      waitLoaded(b);
      assertThat(b.findElement(By.id("rl-user")).getText()).contains("Ada Lovelace");
      // A next that leads off the site is ignored.
      b.findElement(By.id("nav:signout")).click();
      new WebDriverWait(b, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("nav-signin")));
      b.get(base.resolve("signin.xhtml?next=https%3A%2F%2Fevil.example%2F").toString());
      b.findElement(By.id("email")).sendKeys(email);
      b.findElement(By.id("password")).sendKeys("analytical engine 43");
      b.findElement(By.id("submit")).click();
      new WebDriverWait(b, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("rl-user")));
      assertThat(URI.create(b.getCurrentUrl()).getHost()).isEqualTo("127.0.0.1");
    } finally {
      b.quit();
    }
  }

  @Test
  void choosingTheCloudSandboxSaysBeforeTheRunThatInputComesFromTheStdinBox() throws Exception {
    WebDriver b = browser();
    try {
      String email = signUp(b, "input-output");
      try (var db = SharedDeployment.database();
          var s = db.prepareStatement("UPDATE app_user SET tier = 'PAID' WHERE email = ?")) {
        s.setString(1, email);
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
      b.navigate().refresh();
      waitLoaded(b);
      WebElement note = b.findElement(By.id("stdin-note"));
      assertThat(note.isDisplayed()).as("PAID runs go to the cloud sandbox by default").isTrue();
      assertThat(note.getText()).contains("input() reads the lines you write here");
      new org.openqa.selenium.support.ui.Select(b.findElement(By.id("engine"))).selectByValue("local");
      assertThat(b.findElement(By.id("stdin-note")).isDisplayed()).isFalse();
      new org.openqa.selenium.support.ui.Select(b.findElement(By.id("engine"))).selectByValue("e2b");
      assertThat(b.findElement(By.id("stdin-note")).isDisplayed()).isTrue();
    } finally {
      b.quit();
    }
  }

  // --- helpers ---

  static WebDriver browser() {
    WebDriver b = BrowserSpec.chromium();
    b.manage().window().setSize(new Dimension(1366, 768));
    return b;
  }

  private void inLesson(String lesson, Consumer<WebDriver> test) {
    WebDriver b = browser();
    try {
      b.get(base.resolve("lesson.xhtml?l=" + lesson).toString());
      waitLoaded(b);
      test.accept(b);
    } finally {
      b.quit();
    }
  }

  private String signUp(WebDriver b, String lesson) {
    b.get(base.resolve("signup.xhtml?next=lesson.xhtml%3Fl%3D" + lesson).toString());
    String email = AccountSpec.uniqueEmail();
    new WebDriverWait(b, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("email")))
        .sendKeys(email);
    b.findElement(By.id("displayName")).sendKeys("Ada Lovelace");
    b.findElement(By.id("password")).sendKeys("analytical engine 43");
    b.findElement(By.id("submit")).click();
    new WebDriverWait(b, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("lesson.xhtml"));
    waitLoaded(b);
    return email;
  }

  @SuppressWarnings("unchecked")
  private static List<String> seriousViolations(WebDriver b) throws Exception {
    JavascriptExecutor js = (JavascriptExecutor) b;
    js.executeScript(Files.readString(AXE));
    Object found = js.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
            + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))),"
            + " e => done(['axe failed: ' + e]));");
    return (List<String>) found;
  }

  private static String progress(WebDriver b, String lesson) {
    return b.findElement(By.cssSelector("[data-lesson='" + lesson + "']")).getAttribute("data-progress");
  }

  private static String nextHourIso() {
    return java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1)).toString();
  }

  private static WebElement active(WebDriver b) {
    return b.switchTo().activeElement();
  }

  private static Object js(WebDriver b, String script, Object... args) {
    return ((JavascriptExecutor) b).executeScript(script, args);
  }

  private static boolean inView(WebDriver b, String id) {
    return Boolean.TRUE.equals(js(b, "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
        + "return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;", id));
  }

  private static void waitLoaded(WebDriver b) {
    WorkspaceSpec.waitLoaded(b);
  }

  private static void waitPython(WebDriver b) {
    new WebDriverWait(b, PYTHON_LOAD)
        .until(ExpectedConditions.attributeToBe(By.id("python-status"), "data-state", "ready"));
  }

  private static void run(WebDriver b) {
    WorkspaceSpec.run(b);
  }

  private static boolean finished(WebDriver d) {
    return WorkspaceSpec.finished(d);
  }

  private static void waitForVerdict(WebDriver b, String verdict) {
    new WebDriverWait(b, Duration.ofSeconds(60)).until(LearnerSpec::finished);
    assertThat(b.findElement(By.id("verdict")).getAttribute("data-verdict"))
        .as("verdict; console: %s", console(b)).isEqualTo(verdict);
  }

  private static String console(WebDriver b) {
    return WorkspaceSpec.console(b);
  }
}
