package org.runlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Pyodide packages in the browser: a pure-Python wheel built here with {@code pip wheel}, put in
 * the package mirror the deployment serves ({@code runlab.pyodide.package-dir}) with a lock-file
 * entry of its own, is chosen for the browser and loaded there by the worker.
 */
@RunlabSpec
@Order(65)
class BrowserPackagesSpec {
  private static final String WHEEL = "runlab_hello-1.0-py3-none-any.whl";
  private static final String GREETING = "hello from a mirrored wheel";

  private final URI base;

  BrowserPackagesSpec(URI base) {
    this.base = base;
  }

  /** Builds the wheel and writes the mirror's lock file: the shipped one's info, and the wheel. */
  @BeforeAll
  static void mirrorAWheel(URI deployed) throws Exception {
    // Taking the deployment's URI starts it first, and it starts with an empty mirror.
    Path dir = SharedDeployment.PACKAGE_DIR;
    if (Files.exists(dir.resolve("pyodide-lock.json"))) {
      return;
    }
    Path src = Files.createTempDirectory(Files.createDirectories(SharedDeployment.TARGET.resolve("tmp")), "wheel-src");
    Files.createDirectories(src.resolve("src/runlab_hello"));
    Files.writeString(src.resolve("src/runlab_hello/__init__.py"),
        "def greet():\n    return " + "'" + GREETING + "'\n");
    Files.writeString(src.resolve("pyproject.toml"), "[project]\nname = \"runlab-hello\"\nversion = \"1.0\"\n"
        + "[build-system]\nrequires = [\"setuptools\"]\nbuild-backend = \"setuptools.build_meta\"\n");
    Process pip = new ProcessBuilder("/usr/bin/python3", "-m", "pip", "wheel", "--no-index", "--no-deps",
        "--no-build-isolation", "-w", dir.toString(), src.toString())
        .redirectErrorStream(true).redirectOutput(src.resolve("pip.log").toFile()).start();
    assertThat(pip.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(pip.exitValue()).as("pip wheel: %s", Files.readString(src.resolve("pip.log"))).isZero();
    Path wheel = dir.resolve(WHEEL);
    assertThat(wheel).exists();

    JsonObject shipped = shippedLock();
    JsonObject entry = Json.createObjectBuilder()
        .add("name", "runlab-hello").add("version", "1.0").add("file_name", WHEEL)
        .add("install_dir", "site").add("package_type", "package")
        .add("sha256", sha256(Files.readAllBytes(wheel)))
        .add("imports", Json.createArrayBuilder().add("runlab_hello"))
        .add("depends", Json.createArrayBuilder()).add("unvendored_tests", false)
        .build();
    String lock = Json.createObjectBuilder()
        .add("info", shipped.getJsonObject("info"))
        .add("packages", Json.createObjectBuilder().add("runlab-hello", entry))
        .build().toString();
    Path tmp = dir.resolve(".lock.tmp");
    Files.writeString(tmp, lock);
    Files.move(tmp, dir.resolve("pyodide-lock.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void theMirrorIsServedForThisSiteOnlyAndNothingOutsideIt() {
    WebClient web = new WebClient(base);
    HttpResponse<String> wheel = web.get("pyodide-packages/" + WHEEL);
    assertThat(wheel.statusCode()).isEqualTo(200);
    assertThat(wheel.headers().firstValue("Cross-Origin-Resource-Policy")).contains("same-origin");
    assertThat(wheel.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/octet-stream"));
    HttpResponse<String> lock = web.get("pyodide-packages/pyodide-lock.json");
    assertThat(lock.statusCode()).isEqualTo(200);
    assertThat(lock.body()).contains("runlab_hello");
    assertThat(web.get("pyodide-packages/%2e%2e/it-data/x").statusCode()).isEqualTo(404);
    assertThat(web.get("pyodide-packages/..%2f..%2fpom.xml").statusCode()).isEqualTo(404);
    assertThat(web.get("pyodide-packages/no-such.whl").statusCode()).isEqualTo(404);
  }

  @Test
  void aMirroredPackageIsChosenForTheBrowserAndWhatTheMirrorLacksForAServer() {
    WebClient web = new WebClient(base);
    JsonObject hello = json(RunApiSpec.postRun(web, RunApiSpec.program("import runlab_hello\nprint(runlab_hello.greet())")));
    assertThat(hello.getString("engine")).isEqualTo("browser");
    JsonObject numpy = json(RunApiSpec.postRun(web, RunApiSpec.program("import numpy\nprint(numpy.zeros(2))")));
    assertThat(numpy.getString("engine")).as("numpy is not in this mirror's lock file").isNotEqualTo("browser");
  }

  @Test
  void theWorkerLoadsTheWheelShowsProgressAndRunsItInTheBrowser() {
    WebDriver b = LearnerSpec.browser();
    try {
      b.get(base.resolve("lesson.xhtml?l=hello").toString());
      WorkspaceSpec.waitLoaded(b);
      WorkspaceSpec.setCode(b, "import runlab_hello\nprint(runlab_hello.greet())");
      WorkspaceSpec.run(b);
      new WebDriverWait(b, Duration.ofSeconds(60)).until(WorkspaceSpec::finished);
      String console = WorkspaceSpec.console(b);
      assertThat(b.findElement(By.id("verdict")).getAttribute("data-verdict")).as("console: %s", console)
          .isEqualTo("OK");
      assertThat(b.findElement(By.id("engine-badge")).getAttribute("data-engine")).isEqualTo("browser");
      assertThat(console).contains("Loaded runlab-hello in your browser", GREETING);
      assertThat(((JavascriptExecutor) b).executeScript("return self.crossOriginIsolated")).isEqualTo(true);
    } finally {
      b.quit();
    }
  }

  private static JsonObject shippedLock() throws IOException {
    Path lock = SharedDeployment.TARGET.resolve("classes/org/runlab/engine/selection/pyodide-lock.json");
    try (var r = Json.createReader(Files.newBufferedReader(lock, StandardCharsets.UTF_8))) {
      return r.readObject();
    }
  }

  private static JsonObject json(HttpResponse<String> r) {
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
