package org.runlab.engine.selection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.runlab.engine.ProjectFile;

/**
 * Builds a {@link CodeProfile} from a project: tokenizes the entry and every project module it
 * imports (all Python files when an import's name is computed at run time), and reads
 * {@code requirements.txt} and the other files for abuse signatures. Thread-safe.
 */
public final class CodeProfiler {
  private final AbuseSignatures signatures;

  public CodeProfiler() {
    this.signatures = AbuseSignatures.fromClasspath();
  }

  /** Profiles {@code files}, run from {@code entry}; never throws for anything in the files. */
  public CodeProfile profile(List<ProjectFile> files, String entry) {
    String root = entry.contains("/") ? entry.substring(0, entry.lastIndexOf('/') + 1) : "";
    Map<String, ProjectFile> byModule = new HashMap<>();
    Map<String, String> moduleOfPath = new HashMap<>();
    Set<String> packages = new HashSet<>();
    ProjectFile entryFile = null;
    long size = 0;
    int pythonFiles = 0;
    for (ProjectFile f : files) {
      size += utf8Length(f.content());
      if (f.path().equals(entry)) {
        entryFile = f;
      }
      if (!f.path().endsWith(".py")) {
        continue;
      }
      pythonFiles++;
      if (f.path().startsWith(root)) {
        String module = moduleName(f.path().substring(root.length()));
        byModule.put(module, f);
        moduleOfPath.put(f.path(), module);
        for (int dot = module.indexOf('.'); dot > 0; dot = module.indexOf('.', dot + 1)) {
          packages.add(module.substring(0, dot));
        }
        if (f.path().endsWith("__init__.py")) {
          packages.add(module);
        }
      }
    }

    List<FileScanner> scanners = new ArrayList<>();
    Set<String> scanned = new HashSet<>();
    Set<String> localModules = new LinkedHashSet<>();
    Deque<ProjectFile> queue = new ArrayDeque<>();
    if (entryFile != null) {
      queue.add(entryFile);
    }
    boolean scanAll = entryFile == null;
    while (true) {
      while (!queue.isEmpty()) {
        ProjectFile f = queue.poll();
        if (!scanned.add(f.path())) {
          continue;
        }
        FileScanner s = new FileScanner(f.path(), packageOf(f.path(), moduleOfPath), signatures);
        s.scan(f.content());
        scanners.add(s);
        scanAll |= s.unresolvedDynamic;
        List<String> wanted = new ArrayList<>(s.submoduleCandidates);
        s.imports.forEach(i -> wanted.add(i.module()));
        for (String module : wanted) {
          if (isLocal(module, byModule, packages)) {
            localModules.add(module);
            for (String m = module; ; m = m.substring(0, m.lastIndexOf('.'))) {
              ProjectFile local = byModule.get(m);
              if (local != null) {
                queue.add(local);
              }
              if (m.indexOf('.') < 0) {
                break;
              }
            }
          }
        }
      }
      if (!scanAll || scanned.size() == pythonFiles) {
        break;
      }
      files.stream().filter(f -> f.path().endsWith(".py")).forEach(queue::add);
    }
    return combine(entry, files, scanners, scanned, localModules, byModule, packages, size,
        pythonFiles);
  }

  private CodeProfile combine(String entry, List<ProjectFile> files, List<FileScanner> scanners,
      Set<String> scanned, Set<String> localModules, Map<String, ProjectFile> byModule,
      Set<String> packages, long size, int pythonFiles) {
    List<ImportRecord> imports = new ArrayList<>();
    Set<String> external = new LinkedHashSet<>();
    Set<Feature> features = EnumSet.noneOf(Feature.class);
    List<String> abuse = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    double sleep = 0;
    boolean sleepUnbounded = false;
    boolean hugeLoop = false;
    boolean unresolved = false;
    int lines = 0;
    for (FileScanner s : scanners) {
      imports.addAll(s.imports);
      for (ImportRecord i : s.imports) {
        if (!isLocal(i.module(), byModule, packages)) {
          external.add(i.topLevel());
          Feature f = Features.ofModule(i.module());
          if (f != null) {
            features.add(f); // a project file named like the module shadows it
          }
        }
      }
      features.addAll(s.features);
      abuse.addAll(s.abuse);
      problems.addAll(s.problems);
      sleep += s.sleepSeconds;
      sleepUnbounded |= s.sleepUnbounded;
      hugeLoop |= s.hugeLoop;
      unresolved |= s.unresolvedDynamic;
      lines += s.lines;
    }
    List<String> requirements = new ArrayList<>();
    boolean hasRequirements = false;
    for (ProjectFile f : files) {
      if (f.path().equals("requirements.txt") || f.path().endsWith("/requirements.txt")) {
        hasRequirements = true;
        requirements.addAll(Requirements.parse(f.content()));
      }
      if (!scanned.contains(f.path())) {
        for (String signal : signatures.find(f.content())) {
          abuse.add(signal + " in " + f.path());
        }
      }
    }
    return new CodeProfile(entry, imports, external, localModules, unresolved, features, sleep,
        sleepUnbounded, abuse, requirements, hasRequirements, files.size(), pythonFiles, size,
        lines, hugeLoop, problems);
  }

  private static boolean isLocal(String module, Map<String, ProjectFile> byModule,
      Set<String> packages) {
    String top = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
    return byModule.containsKey(module) || byModule.containsKey(top) || packages.contains(top);
  }

  /** "pkg/sub/mod.py" is "pkg.sub.mod"; "pkg/__init__.py" is "pkg". */
  static String moduleName(String relativePath) {
    String m = relativePath.substring(0, relativePath.length() - 3).replace('/', '.');
    return m.endsWith(".__init__") ? m.substring(0, m.length() - 9) : m;
  }

  private static String packageOf(String path, Map<String, String> moduleOfPath) {
    String module = moduleOfPath.get(path);
    if (module == null) {
      return "";
    }
    if (path.endsWith("__init__.py")) {
      return module;
    }
    int dot = module.lastIndexOf('.');
    return dot < 0 ? "" : module.substring(0, dot);
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
