package org.runlab.engine.selection;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.runlab.platform.JsonFactory;

/**
 * What the shipped Pyodide can import: its lock file's packages (by import name), the standard
 * modules that do not work there, and the names of the standard library. Immutable.
 */
public final class PyodideCatalog {
  private static final String LOCK = "pyodide-lock.json";
  private static final String VERSION = "pyodide-version.txt";
  private static final String UNSUPPORTED = "pyodide-unsupported-stdlib.txt";
  private static final String STDLIB = "python-stdlib-modules.txt";
  /** Modules that exist only inside Pyodide (the JavaScript bridge and Pyodide's own API). */
  private static final Set<String> BROWSER_ONLY = Set.of("js", "pyodide", "pyodide_js");

  private final String version;
  private final String pythonVersion;
  private final Map<String, String> packageByImport;
  private final Map<String, String> unsupported;
  private final Set<String> stdlib;

  private PyodideCatalog(String version, String pythonVersion, Map<String, String> packageByImport,
      Map<String, String> unsupported, Set<String> stdlib) {
    this.version = version;
    this.pythonVersion = pythonVersion;
    this.packageByImport = Map.copyOf(packageByImport);
    this.unsupported = Map.copyOf(unsupported);
    this.stdlib = Set.copyOf(stdlib);
  }

  /** The catalog of the Pyodide the build shipped (its lock file is copied next to this class). */
  public static PyodideCatalog fromClasspath() {
    try (InputStream lock = resource(LOCK);
        InputStream version = resource(VERSION);
        InputStream unsupported = resource(UNSUPPORTED);
        InputStream stdlib = resource(STDLIB)) {
      String v = new String(version.readAllBytes(), StandardCharsets.UTF_8).trim();
      return read(v, lock, unsupported, stdlib);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a catalog from a {@code pyodide-lock.json} stream, a list of standard modules that do
   * not work in Pyodide ("module why" lines) and a list of standard module names.
   */
  public static PyodideCatalog read(String pyodideVersion, InputStream lockJson,
      InputStream unsupportedList, InputStream stdlibList) {
    Lock lock = readLock(lockJson);
    Map<String, String> unsupported = new HashMap<>();
    for (String line : lines(unsupportedList)) {
      String[] parts = line.split("\\s+", 2);
      unsupported.put(parts[0], parts.length > 1 ? parts[1] : "does not work in your browser");
    }
    return new PyodideCatalog(
        pyodideVersion, lock.python(), lock.packageByImport(), unsupported, new HashSet<>(lines(stdlibList)));
  }

  /**
   * This catalog with the packages of another lock file instead of the shipped one's: a mirror's,
   * which may list only some of Pyodide's packages, or packages of the operator's own.
   */
  public PyodideCatalog withLock(InputStream lockJson) {
    Lock lock = readLock(lockJson);
    String python = lock.python().isEmpty() ? pythonVersion : lock.python();
    return new PyodideCatalog(version, python, lock.packageByImport(), unsupported, stdlib);
  }

  private record Lock(String python, Map<String, String> packageByImport) {}

  private static Lock readLock(InputStream lockJson) {
    Map<String, String> packages = new HashMap<>();
    try (JsonReader reader = JsonFactory.JSON.createReader(lockJson)) {
      JsonObject lock = reader.readObject();
      JsonObject info = lock.getJsonObject("info");
      String python = info == null ? "" : info.getString("python", "");
      JsonObject all = lock.getJsonObject("packages");
      if (all == null) {
        throw new IllegalArgumentException("the lock file has no \"packages\" object");
      }
      for (Map.Entry<String, JsonValue> e : all.entrySet()) {
        JsonObject p = e.getValue().asJsonObject();
        if (!"package".equals(p.getString("package_type", "package"))) {
          continue;
        }
        for (JsonValue i : p.getJsonArray("imports")) {
          packages.putIfAbsent(((JsonString) i).getString(), p.getString("name", e.getKey()));
        }
      }
      return new Lock(python, packages);
    } catch (jakarta.json.JsonException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("the lock file cannot be read: " + e.getMessage(), e);
    }
  }

  public String version() {
    return version;
  }

  /** The Python version Pyodide runs, from the lock file ("3.14.2"). */
  public String pythonVersion() {
    return pythonVersion;
  }

  /** Whether {@code topLevel} is a standard library module name. */
  public boolean isStandardModule(String topLevel) {
    return stdlib.contains(topLevel);
  }

  /** Whether the module exists only in the browser (Pyodide's {@code js} and {@code pyodide}). */
  public boolean isBrowserOnly(String topLevel) {
    return BROWSER_ONLY.contains(topLevel);
  }

  /**
   * Why a standard module does not work in the browser ("needs threads, which ..."), checking the
   * module and each of its parent packages; empty when it works or is not standard.
   */
  public Optional<String> browserLimitation(String module) {
    String m = module;
    while (true) {
      String why = unsupported.get(m);
      if (why != null) {
        return Optional.of(why);
      }
      int dot = m.lastIndexOf('.');
      if (dot < 0) {
        return Optional.empty();
      }
      m = m.substring(0, dot);
    }
  }

  /** The Pyodide package that provides {@code topLevel} as an import ("sklearn": scikit-learn). */
  public Optional<String> packageFor(String topLevel) {
    return Optional.ofNullable(packageByImport.get(topLevel));
  }

  /** How many import names the lock file provides. */
  public int packageImportCount() {
    return packageByImport.size();
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = PyodideCatalog.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the classpath next to " + PyodideCatalog.class
          + " (the build copies it from the Pyodide package: run mvn generate-resources)");
    }
    return in;
  }

  private static List<String> lines(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
