package org.runlab.engine.selection;

import java.util.List;
import java.util.Set;

/**
 * What a learner's project does, as far as its source shows: the facts {@link EngineSelector}
 * decides on.
 *
 * @param entry the file that is run
 * @param imports every import found in the files the entry reaches (local ones included)
 * @param externalModules top-level names of imported modules that are not the project's own
 * @param localModules the project's own modules that are imported
 * @param unresolvedDynamicImport an {@code __import__}/{@code import_module} with a computed name
 * @param features capabilities used (threads, sockets, input ...)
 * @param sleepSeconds total literal {@code time.sleep} seconds, loops with literal ranges counted
 * @param sleepInUnboundedLoop a sleep inside a {@code while} loop or a loop of unknown length
 * @param abuseSignals what looked like mining or a fork bomb, in plain words
 * @param requirements package names from {@code requirements.txt}
 * @param hasRequirementsFile whether a {@code requirements.txt} is in the project
 * @param fileCount all files in the project
 * @param pythonFileCount Python files in the project
 * @param sizeBytes UTF-8 size of all files
 * @param lineCount lines of the Python files profiled
 * @param hugeLoop a loop over a literal range of at least 10^8 steps
 * @param syntaxProblems what the tokenizer could not read ("main.py line 3: unterminated ...")
 */
public record CodeProfile(
    String entry,
    List<ImportRecord> imports,
    Set<String> externalModules,
    Set<String> localModules,
    boolean unresolvedDynamicImport,
    Set<Feature> features,
    double sleepSeconds,
    boolean sleepInUnboundedLoop,
    List<String> abuseSignals,
    List<String> requirements,
    boolean hasRequirementsFile,
    int fileCount,
    int pythonFileCount,
    long sizeBytes,
    int lineCount,
    boolean hugeLoop,
    List<String> syntaxProblems) {

  public CodeProfile {
    imports = List.copyOf(imports);
    externalModules = Set.copyOf(externalModules);
    localModules = Set.copyOf(localModules);
    features = Set.copyOf(features);
    abuseSignals = List.copyOf(abuseSignals);
    requirements = List.copyOf(requirements);
    syntaxProblems = List.copyOf(syntaxProblems);
  }

  public boolean uses(Feature f) {
    return features.contains(f);
  }

  /** Whether every profiled file tokenized without problems. */
  public boolean tokenizes() {
    return syntaxProblems.isEmpty();
  }
}
