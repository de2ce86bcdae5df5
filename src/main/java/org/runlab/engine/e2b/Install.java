package org.runlab.engine.e2b;

import java.util.ArrayList;
import java.util.List;
import org.runlab.engine.Environment;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.RunSpec;

/**
 * What a run needs in its sandbox before the learner's code: the template to make it from (the
 * lesson environment's, else the tier's) and the requirements to install (the environment's and
 * the project's requirements.txt; none when the environment's template already holds them).
 *
 * @param requirements the text pip installs, or null when nothing is to be installed
 * @param hash SHA-256 of {@code requirements}: a session that installed the same skips it
 * @param count how many requirement lines, for the progress message
 * @param mayInstall whether the tier may install from the package index
 */
record Install(String template, String requirements, String hash, int count, boolean mayInstall) {
  /** Where the requirements go in the sandbox, outside the learner's project. */
  static final String FILE = ".runlab-requirements.txt";

  /**
   * The requirement lines pip would take as something other than a package from the index: an
   * option (another index, an editable install), or a local path or file URL, which would build
   * the learner's own code while the sandbox can reach the index. Each with why.
   */
  List<String> refusedLines() {
    if (requirements == null) {
      return List.of();
    }
    List<String> refused = new ArrayList<>();
    for (String line : requirements.lines().map(String::strip).toList()) {
      if (line.startsWith("-")) {
        refused.add("requirements.txt: '" + line + "' is a pip option; only package names and versions are allowed.");
      } else if (line.startsWith(".") || line.startsWith("/") || line.contains("file:")) {
        refused.add("requirements.txt: '" + line + "' is a local path; only packages from the index can be installed.");
      }
    }
    return refused;
  }

  static Install of(RunSpec spec, E2bSettings settings) {
    Environment env = spec.environment();
    boolean mayInstall = spec.install().allowed();
    if (!env.e2bTemplate().isEmpty()) {
      return new Install(env.e2bTemplate(), null, null, 0, mayInstall);
    }
    String template = settings.templateFor(spec.tier());
    List<String> parts = new ArrayList<>();
    if (!env.requirements().isBlank()) {
      parts.add(env.requirements().strip());
    }
    spec.files().stream().filter(f -> f.path().equals("requirements.txt")).map(ProjectFile::content)
        .findFirst().ifPresent(parts::add);
    String text = String.join("\n", parts);
    if (text.isBlank()) {
      return new Install(template, null, null, 0, mayInstall);
    }
    int count = (int) text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    return new Install(template, text, E2bEngine.sha256(text), count, mayInstall);
  }

  /**
   * The egress a new sandbox for this run starts with: only the package index when it is going to
   * install from it, else {@code otherwise}.
   */
  Egress createEgress(Egress otherwise, E2bSettings settings) {
    boolean fromIndex = requirements != null && mayInstall && !settings.packageIndexHosts().isEmpty();
    return fromIndex && !settings.learnerInternet() ? Egress.only(settings.packageIndexHosts()) : otherwise;
  }
}
