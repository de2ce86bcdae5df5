package org.runlab.engine.selection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where the browser's Python finds packages beyond the standard library, from
 * {@code runlab.pyodide.package-base-url} and {@code runlab.pyodide.package-dir}.
 *
 * <p>The base URL names a full Pyodide distribution elsewhere (a mirror or a CDN that sends
 * CORP/CORS headers); the browser then loads the packages of the lock file Runlab ships. The
 * directory is a mirror Runlab serves itself under {@value #SERVED_PATH}; when it holds a {@code
 * pyodide-lock.json}, that lock file says what the browser has (it may list only a few wheels, or
 * wheels of the operator's own), and until it does, the browser has the standard library only.
 *
 * @param baseUrl where wheels are loaded from: an absolute http(s) URL or a path on this site
 *     starting with "/"; empty for the served directory (or none)
 * @param dir the directory served under {@value #SERVED_PATH}; empty for none
 */
public record BrowserPackages(String baseUrl, Optional<Path> dir) {
  public static final String BASE_URL = "runlab.pyodide.package-base-url";
  public static final String DIR = "runlab.pyodide.package-dir";
  /** Where Runlab serves the package directory, below its context path. */
  public static final String SERVED_PATH = "/pyodide-packages/";
  public static final String LOCK_FILE = "pyodide-lock.json";

  public BrowserPackages {
    baseUrl = baseUrl == null ? "" : baseUrl.strip();
    dir = dir == null ? Optional.empty() : dir;
    if (!baseUrl.isEmpty() && !baseUrl.startsWith("/") && !baseUrl.matches("(?i)https?://[^/\\s]+(/\\S*)?")) {
      throw new IllegalArgumentException(BASE_URL + " must be an http(s) URL or a path on this site starting with"
          + " '/', not '" + baseUrl + "'");
    }
    if (!baseUrl.isEmpty() && !baseUrl.endsWith("/")) {
      baseUrl = baseUrl + "/";
    }
  }

  public static BrowserPackages from(Config c) {
    String base = c.getOptionalValue(BASE_URL, String.class).orElse("");
    Optional<Path> dir = c.getOptionalValue(DIR, String.class).map(String::strip).filter(s -> !s.isEmpty())
        .map(Path::of);
    return new BrowserPackages(base, dir);
  }

  /** The mirror's own lock file, when the served directory holds one now. */
  public Optional<Path> mirrorLock() {
    return dir.map(d -> d.resolve(LOCK_FILE)).filter(Files::isRegularFile);
  }

  /** Whether the browser may load packages now: a base URL, or a served directory with a lock file. */
  public boolean available() {
    return dir.isPresent() ? mirrorLock().isPresent() : !baseUrl.isEmpty();
  }

  /** The URL wheels are loaded from, for a site at {@code contextPath}; empty when none are available. */
  public String wheelsUrl(String contextPath) {
    if (!available()) {
      return "";
    }
    return baseUrl.isEmpty() ? contextPath + SERVED_PATH : baseUrl;
  }

  /** The lock file the browser reads, for a site at {@code contextPath}; empty for the shipped one. */
  public String lockFileUrl(String contextPath) {
    return mirrorLock().isPresent() ? contextPath + SERVED_PATH + LOCK_FILE : "";
  }
}
