package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What a visitor does in a real browser (Debian's headless Chromium). */
@RunlabSpec
@Order(60)
class BrowserSpec {
  private final URI base;

  BrowserSpec(URI base) {
    this.base = base;
  }

  /** A headless Chromium driven by Debian's chromedriver; nothing is downloaded. */
  static WebDriver chromium() {
    return chromium(null);
  }

  /** The same, saving downloads in {@code downloads} when given. */
  static WebDriver chromium(java.nio.file.Path downloads) {
    ChromeOptions options = new ChromeOptions();
    if (downloads != null) {
      options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
          "download.prompt_for_download", false, "download.directory_upgrade", true));
    }
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
    return new ChromeDriver(service, options);
  }

  @Test
  void visitorSignsUpSignsInSeesCatalogAndOpensALesson() {
    WebDriver browser = chromium();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      String email = AccountSpec.uniqueEmail();

      browser.get(base.toString());
      browser.findElement(By.id("nav-signup")).click();
      browser.findElement(By.id("email")).sendKeys(email);
      browser.findElement(By.id("displayName")).sendKeys("Katherine Johnson");
      browser.findElement(By.id("password")).sendKeys("orbital mechanics 62");
      browser.findElement(By.id("submit")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rl-user"), "Katherine Johnson"));

      browser.findElement(By.id("nav:signout")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-signin"))).click();
      browser.findElement(By.id("email")).sendKeys(email);
      browser.findElement(By.id("password")).sendKeys("orbital mechanics 62");
      browser.findElement(By.id("submit")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rl-user"), "Katherine Johnson"));

      assertThat(browser.findElement(By.className("rl-course-title")).getText()).isEqualTo("Python basics");
      browser.findElement(By.linkText("Hello, Python")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("instructions")));
      assertThat(browser.findElement(By.cssSelector("#instructions h1")).getText()).isEqualTo("Hello, Python");
      assertThat(browser.findElement(By.cssSelector("#instructions code")).getText()).isEqualTo("print");
      assertThat(browser.findElement(By.id("starter-files")).getText()).contains("main.py");
    } finally {
      browser.quit();
    }
  }
}
