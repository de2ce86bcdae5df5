package org.runlab.engine.e2b.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The package index the fake's sandboxes install from, standing for the operator's index host
 * {@value #HOST}: a find-links page of wheels, served on the data port under
 * {@code /fake-index/<sandbox id>/} so each request is checked against that sandbox's egress rules
 * as E2B's firewall would check a connection to the host. A refused request is recorded and gets
 * 403 (pip gives up on it at once, as on a refused connection). Kernels find it through
 * {@code PIP_FIND_LINKS}, with {@code PIP_NO_INDEX} set so nothing else is tried.
 */
final class FakePackageIndex implements HttpHandler {
  /** The made-up host name the index stands for; allow it with {@code runlab.e2b.package-index-hosts}. */
  static final String HOST = "packages.fake-e2b.test";

  private final FakeE2b fake;
  final Path wheels;

  FakePackageIndex(FakeE2b fake, Path wheels) {
    this.fake = fake;
    this.wheels = wheels;
  }

  /** The find-links URL for one sandbox's kernels. */
  String urlFor(String sandboxId) {
    return fake.sandboxUrl() + "/fake-index/" + sandboxId + "/";
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    String[] parts = ex.getRequestURI().getPath().split("/", 4); // "", fake-index, id, file
    String id = parts.length > 2 ? parts[2] : "";
    String file = parts.length > 3 ? parts[3] : "";
    FakeSandbox s = fake.running(id);
    if (s == null) {
      FakeE2b.send(ex, 404, "text/plain", "no such sandbox");
      return;
    }
    if (!s.network.allows(HOST)) {
      fake.record(id, "index-refused", HOST + " " + file);
      FakeE2b.send(ex, 403, "text/plain", "egress to " + HOST + " is not allowed for this sandbox");
      return;
    }
    fake.record(id, "index", file.isEmpty() ? "listing" : file);
    if (file.isEmpty()) {
      try (Stream<Path> list = Files.list(wheels)) {
        String links = list.map(p -> p.getFileName().toString()).sorted()
            .map(n -> "<a href=\"" + n + "\">" + n + "</a><br>").collect(Collectors.joining("\n"));
        FakeE2b.send(ex, 200, "text/html", "<html><body>\n" + links + "\n</body></html>\n");
      }
      return;
    }
    Path wheel = wheels.resolve(file).normalize();
    if (!wheel.startsWith(wheels) || !Files.isRegularFile(wheel)) {
      FakeE2b.send(ex, 404, "text/plain", "not found");
      return;
    }
    byte[] bytes = Files.readAllBytes(wheel);
    ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
    ex.close();
  }

  /**
   * Publishes a pure-Python wheel holding one module {@code name} with {@code source}, built
   * here as the wheel format describes it (no registry, no build tools).
   */
  Path publish(String name, String version, String source) {
    String dist = name + "-" + version;
    Path wheel = wheels.resolve(dist + "-py3-none-any.whl");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      String info = dist + ".dist-info/";
      entry(zip, name + ".py", source);
      entry(zip, info + "METADATA", "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
      entry(zip, info + "WHEEL",
          "Wheel-Version: 1.0\nGenerator: runlab-fake-e2b\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
      entry(zip, info + "RECORD", name + ".py,,\n" + info + "METADATA,,\n" + info + "WHEEL,,\n" + info + "RECORD,,\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Files.write(wheel, bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return wheel;
  }

  private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
