package org.runlab.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.runlab.engine.selection.BrowserPackages;
import org.runlab.platform.AppConfig;

/**
 * Serves the operator's browser package mirror ({@code runlab.pyodide.package-dir}): wheels and
 * the lock file Pyodide's worker loads. Nothing outside the directory is ever served, and without
 * the setting every path is 404. Wheel names carry their version, so browsers may keep them a day;
 * the lock file is checked on every load because the operator may add wheels at any time.
 */
@WebServlet(name = "PyodidePackagesServlet", urlPatterns = "/pyodide-packages/*")
public class PyodidePackagesServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject private transient AppConfig config;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    Optional<Path> file = file(req.getPathInfo());
    if (file.isEmpty()) {
      res.sendError(HttpServletResponse.SC_NOT_FOUND, "No such package file");
      return;
    }
    Path f = file.get();
    String name = f.getFileName().toString();
    res.setContentType(contentType(name));
    res.setContentLengthLong(Files.size(f));
    res.setHeader("Cache-Control", name.endsWith(".json") ? "no-cache" : "public, max-age=86400");
    Files.copy(f, res.getOutputStream());
  }

  /** The regular file the request names inside the mirror, if there is one. */
  private Optional<Path> file(String pathInfo) {
    Optional<Path> dir = BrowserPackages.from(config.get()).dir();
    if (dir.isEmpty() || pathInfo == null || pathInfo.length() < 2 || pathInfo.contains("\\")) {
      return Optional.empty();
    }
    Path root = dir.get().toAbsolutePath().normalize();
    Path f = root.resolve(pathInfo.substring(1)).normalize();
    if (!f.startsWith(root) || !Files.isRegularFile(f) || f.getFileName().toString().startsWith(".")) {
      return Optional.empty();
    }
    return Optional.of(f);
  }

  static String contentType(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".json")) {
      return "application/json";
    }
    if (n.endsWith(".js") || n.endsWith(".mjs")) {
      return "text/javascript";
    }
    if (n.endsWith(".wasm")) {
      return "application/wasm";
    }
    return "application/octet-stream";
  }
}
