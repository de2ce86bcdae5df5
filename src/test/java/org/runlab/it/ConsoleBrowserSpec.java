package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.runlab.engine.e2b.fake.FakeE2b;

/** What an operator does in the console, in a real browser (Debian's headless Chromium). */
@RunlabSpec
@Order(62)
class ConsoleBrowserSpec {
  private final URI base;
  private final FakeE2b e2b;

  ConsoleBrowserSpec(URI base, FakeE2b e2b) {
    this.base = base;
    this.e2b = e2b;
  }

  /** A Chromium signed in as the admin, having first asked for {@code page}. */
  private WebDriver admin(String page) {
    WebDriver b = BrowserSpec.chromium();
    b.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
    b.get(base.resolve(page).toString());
    wait(b, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("email"))).sendKeys(AdminSpec.ADMIN_EMAIL);
    b.findElement(By.id("password")).sendKeys(AdminSpec.ADMIN_PASSWORD);
    b.findElement(By.id("submit")).click();
    wait(b, 20).until(ExpectedConditions.urlContains(page));
    return b;
  }

  private static WebDriverWait wait(WebDriver b, int seconds) {
    return new WebDriverWait(b, Duration.ofSeconds(seconds));
  }

  private static String activeId(WebDriver b) {
    return String.valueOf(((JavascriptExecutor) b).executeScript("return document.activeElement && document.activeElement.id"));
  }

  /** The E2B sandbox ids the Sandboxes page lists, read in one go (the table may be re-rendered). */
  @SuppressWarnings("unchecked")
  private static List<String> listedSandboxes(WebDriver b) {
    return (List<String>) ((JavascriptExecutor) b).executeScript(
        "return Array.from(document.querySelectorAll('.rl-e2b-id')).map(e => e.textContent.trim())");
  }

  /** Keeps a picture of the page under target/screenshots, for a person to look at. */
  private static void screenshot(WebDriver b, String name) {
    try {
      java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
      java.nio.file.Files.createDirectories(dir);
      java.nio.file.Files.write(dir.resolve(name + ".png"),
          ((org.openqa.selenium.TakesScreenshot) b).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    } catch (java.io.IOException e) {
      // a picture is a convenience, not part of the test
    }
  }

  /** Clicks what {@code by} finds, finding it again while an ajax update replaces it. */
  private static void clickFresh(WebDriver b, By by) {
    wait(b, 20).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> {
          d.findElement(by).click();
          return true;
        });
  }

  private static void confirm(WebDriver b) {
    wait(b, 10).until(ExpectedConditions.elementToBeClickable(By.id("confirm:yes"))).click();
  }

  private static void growlSays(WebDriver b, String text) {
    wait(b, 20).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-growl"), text));
  }

  @Test
  void adminSignsInToThePageAskedForAndMovesThroughTheMenuByKeyboard() {
    WebDriver b = admin("admin/people.xhtml");
    try {
      assertThat(b.findElement(By.tagName("h1")).getText()).isEqualTo("People");
      WebElement overview = b.findElement(By.id("nav:m-overview"));
      assertThat(overview.getCssValue("color")).isNotEqualTo(b.findElement(By.id("nav:menu")).getCssValue("background-color"));
      assertThat(overview.isDisplayed()).isTrue();

      Actions keys = new Actions(b);
      for (int i = 0; i < 20 && !activeId(b).startsWith("nav:m-"); i++) {
        keys.sendKeys(Keys.TAB).perform();
      }
      assertThat(activeId(b)).as("Tab reaches the menu").startsWith("nav:m-");
      for (int i = 0; i < 12 && !activeId(b).equals("nav:m-money"); i++) {
        keys.sendKeys(Keys.ARROW_RIGHT).perform();
      }
      assertThat(activeId(b)).as("the arrow keys move along the menu").isEqualTo("nav:m-money");
      keys.sendKeys(Keys.ENTER).perform();
      wait(b, 20).until(ExpectedConditions.urlContains("admin/money.xhtml"));
      assertThat(b.findElement(By.tagName("h1")).getText()).isEqualTo("Money");

      for (Map.Entry<String, String> item : Map.of("nav:m-overview", "Overview", "nav:m-runs", "Runs",
          "nav:m-sandboxes", "Sandboxes", "nav:m-courses", "Courses", "nav:m-audit", "Audit log").entrySet()) {
        b.findElement(By.id(item.getKey())).click();
        wait(b, 20).until(ExpectedConditions.textToBe(By.tagName("h1"), item.getValue()));
      }
      for (org.openqa.selenium.Dimension size : List.of(new org.openqa.selenium.Dimension(1366, 768),
          new org.openqa.selenium.Dimension(412, 900))) {
        b.manage().window().setSize(size);
        for (String page : ConsoleSpec.PAGES) {
          b.get(base.resolve(page).toString());
          wait(b, 20).until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
          Object overflow = ((JavascriptExecutor) b).executeScript(
              "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
          assertThat(((Number) overflow).intValue()).as(page + " is wider than a " + size + " window").isLessThanOrEqualTo(0);
          screenshot(b, page.replace('/', '-') + "-" + size.getWidth());
        }
      }
      assertThat(b.findElement(By.id("nav:m-jobs")).getAttribute("href")).endsWith("/admin/jobs.xhtml");
      assertThat(b.findElement(By.id("nav:m-finance")).getAttribute("href")).endsWith("/finance/");
    } finally {
      b.quit();
    }
  }

  @Test
  void adminCancelsALiveRun() throws Exception {
    String email = AccountSpec.uniqueEmail();
    WebClient learner = new WebClient(base);
    AccountSpec.signUp(learner, email, "Patient Learner", "learning 12345");
    HttpResponse<String> started = RunApiSpec.postRun(learner, RunApiSpec.program(
        "import time\nfor i in range(120):\n    print(i, flush=True)\n    time.sleep(1)\n"));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String id = RunApiSpec.json(started).getString("id");

    WebDriver b = admin("admin/runs.xhtml");
    try {
      b.findElement(By.id("learner")).sendKeys(email);
      b.findElement(By.id("filter")).click();
      wait(b, 20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("table"), email));
      clickFresh(b, By.cssSelector("#table [id$=':open']"));
      wait(b, 20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-id"), id));
      b.findElement(By.id("cancelReason")).sendKeys("runs far too long");
      b.findElement(By.id("cancel")).click();
      confirm(b);
      growlSays(b, "is being cancelled");
    } finally {
      b.quit();
    }
    JsonObject run = null;
    for (int i = 0; i < 60; i++) {
      run = RunApiSpec.json(learner.get("api/runs/" + id));
      if (run.containsKey("verdict") && !run.isNull("verdict")) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(run.getString("verdict")).isEqualTo("CANCELLED");
    assertThat(ConsoleSpec.audit("run.cancel", "run " + id)).singleElement().asString()
        .contains("actor=" + AdminSpec.ADMIN_EMAIL, "reason=runs far too long");
  }

  @Test
  void adminKillsAnE2bSandboxAndE2bNoLongerListsIt() throws Exception {
    for (int i = 0; i < 60 && e2b.liveSandboxIds().isEmpty(); i++) {
      Thread.sleep(500);
    }
    assertThat(e2b.liveSandboxIds()).as("the warm pool keeps a sandbox").isNotEmpty();
    WebDriver b = admin("admin/sandboxes.xhtml");
    try {
      wait(b, 20).until(ExpectedConditions.presenceOfAllElementsLocatedBy(By.cssSelector(".rl-e2b-id")));
      String victim = listedSandboxes(b).get(0);
      assertThat(e2b.liveSandboxIds()).contains(victim);
      b.findElement(By.id("reason")).sendKeys("stuck");
      clickFresh(b, By.xpath("//tr[.//span[@class='rl-e2b-id' and normalize-space()='" + victim + "']]"
          + "//button[contains(@id, ':kill')]"));
      confirm(b);
      growlSays(b, "was killed");
      assertThat(e2b.liveSandboxIds()).doesNotContain(victim);
      b.findElement(By.id("refresh")).click();
      wait(b, 20).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(d -> !listedSandboxes(d).contains(victim));
      assertThat(ConsoleSpec.audit("sandbox.kill", "E2B sandbox " + victim)).singleElement().asString()
          .contains("new=killed", "reason=stuck");
    } finally {
      b.quit();
    }
  }

  @Test
  void adminDisablesALearnerWhoseNextRunIsRefused() {
    String email = AccountSpec.uniqueEmail();
    WebClient learner = new WebClient(base);
    AccountSpec.signUp(learner, email, "Soon Disabled", "learning 12345");
    assertThat(RunApiSpec.postRun(learner, RunApiSpec.program("print('ok')")).statusCode()).isEqualTo(200);
    WebDriver b = admin("admin/people.xhtml");
    try {
      b.findElement(By.id("search")).sendKeys(email);
      b.findElement(By.id("find")).click();
      wait(b, 20).until(d -> d.findElements(By.cssSelector("#users tbody tr")).size() == 1
          && d.findElement(By.id("users")).getText().contains(email));
      clickFresh(b, By.id("users:0:open"));
      wait(b, 20).until(ExpectedConditions.textToBe(By.id("person-email"), email));
      b.findElement(By.id("reason")).sendKeys("abuse report 17");
      b.findElement(By.id("disable")).click();
      confirm(b);
      wait(b, 20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("person-state"), "disabled"));
    } finally {
      b.quit();
    }
    HttpResponse<String> next = RunApiSpec.postRun(learner, RunApiSpec.program("print('again')"));
    assertThat(next.statusCode()).isEqualTo(403);
    assertThat(next.body()).contains("abuse report 17");
  }

  @Test
  void adminChangesTheBudgetAndSeesTheStageChange() throws Exception {
    WebClient learner = new WebClient(base);
    AccountSpec.signUp(learner, AccountSpec.uniqueEmail(), "Spender", "learning 12345");
    HttpResponse<String> spent = RunApiSpec.postRun(learner, RunApiSpec.withMember(RunApiSpec.program(
        "import threading\nprint(sum(i * i for i in range(3000000)))"), "wait", true));
    assertThat(spent.statusCode()).as(spent.body()).isEqualTo(200);
    Thread.sleep(2000);
    WebDriver b = admin("admin/money.xhtml");
    try {
      String before = b.findElement(By.id("budget-level")).getText();
      WebElement monthly = b.findElement(By.id("monthlyUsd"));
      monthly.clear();
      monthly.sendKeys("0.000001");
      WebElement cap = b.findElement(By.id("hardCapUsd"));
      cap.clear();
      cap.sendKeys("0.000001");
      b.findElement(By.id("reason")).sendKeys("drill");
      b.findElement(By.id("save")).click();
      confirm(b);
      wait(b, 20).until(ExpectedConditions.textToBe(By.id("budget-level"), "HARD_CAP"));
      wait(b, 20).until(ExpectedConditions.elementToBeClickable(By.id("useConfigured"))).click();
      wait(b, 20).until(ExpectedConditions.textToBe(By.id("budget-level"), before));
    } finally {
      b.quit();
      ConsoleClient admin = ConsoleClient.admin(base);
      admin.open("admin/money.xhtml");
      if (admin.html().contains("set by an admin")) {
        admin.press("money", Map.of("reason", "test cleanup"), "useConfigured");
      }
    }
    assertThat(ConsoleSpec.audit("budget.set", null).get(0)).contains("reason=drill");
  }

  @Test
  void adminCreatesALessonWithTwoStarterFilesThatALearnerOpensAndRuns() throws Exception {
    String slug = "greeting-" + UUID.randomUUID().toString().substring(0, 6);
    WebDriver b = admin("admin/courses.xhtml");
    try {
      b.findElement(By.id("courseList:0:newLesson")).click();
      wait(b, 20).until(ExpectedConditions.visibilityOfElementLocated(By.id("lesson-title"))).sendKeys("Greeting from a module");
      b.findElement(By.id("lesson-slug")).sendKeys(slug);
      WebElement md = b.findElement(By.id("lesson-markdown"));
      md.clear();
      md.sendKeys("# Greeting\n\nRun `main.py`: it imports `greet.py`.");
      WebElement main = b.findElement(By.id("fileRows:0:content"));
      main.clear();
      main.sendKeys("from greet import hello\nhello('Runlab')\n");
      b.findElement(By.id("addFile")).click();
      wait(b, 20).until(ExpectedConditions.visibilityOfElementLocated(By.id("fileRows:1:path"))).sendKeys("greet.py");
      b.findElement(By.id("fileRows:1:content")).sendKeys("def hello(name):\n    print('Hello, ' + name)\n");
      b.findElement(By.id("saveLesson")).click();
      growlSays(b, "saved");
      assertThat(b.findElement(By.id("courses")).getText()).contains("Greeting from a module");
    } finally {
      b.quit();
    }
    WebDriver learner = BrowserSpec.chromium();
    try {
      learner.get(base.resolve("lesson.xhtml?l=" + slug).toString());
      wait(learner, 30).until(ExpectedConditions.attributeToBe(By.id("workspace"), "data-loaded", "true"));
      assertThat(learner.findElement(By.id("starter-files")).getText()).contains("main.py", "greet.py");
      wait(learner, 90).until(ExpectedConditions.attributeToBe(By.id("python-status"), "data-state", "ready"));
      wait(learner, 10).until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
      wait(learner, 60).until(d -> {
        String v = d.findElement(By.id("verdict")).getAttribute("data-verdict");
        return v != null && !v.isEmpty() && d.findElement(By.id("run")).isEnabled();
      });
      assertThat(learner.findElement(By.id("verdict")).getAttribute("data-verdict")).isEqualTo("OK");
      assertThat(learner.findElement(By.id("console")).getText()).contains("Hello, Runlab");
    } finally {
      learner.quit();
    }
    assertThat(ConsoleSpec.audit("lesson.create", null).get(0)).contains("lesson " + slug);
  }
}
