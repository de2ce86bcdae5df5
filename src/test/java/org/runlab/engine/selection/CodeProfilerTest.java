package org.runlab.engine.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.runlab.engine.ProjectFile;

class CodeProfilerTest {
  private static final CodeProfiler PROFILER = new CodeProfiler();

  private static CodeProfile profile(String main) {
    return PROFILER.profile(List.of(new ProjectFile("main.py", main)), "main.py");
  }

  private static CodeProfile project(String... pathsAndContents) {
    List<ProjectFile> files = new java.util.ArrayList<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.add(new ProjectFile(pathsAndContents[i], pathsAndContents[i + 1]));
    }
    return PROFILER.profile(files, "main.py");
  }

  @Test
  void findsImportFromAndAliases() {
    CodeProfile p = profile("import a.b as c, d\nfrom x.y import z as w\n");
    assertThat(p.imports()).extracting(ImportRecord::module).containsExactly("a.b", "d", "x.y");
    assertThat(p.externalModules()).containsExactlyInAnyOrder("a", "d", "x");
  }

  @Test
  void importsInStringsCommentsAndDocstringsAreNotImports() {
    CodeProfile p = profile("\"\"\"import pandas\"\"\"\n# import numpy\n"
        + "s = 'from socket import socket'\nprint(f\"import {s}\")\n");
    assertThat(p.imports()).isEmpty();
    assertThat(p.features()).isEmpty();
  }

  @Test
  void marksImportsInsideBlocksAsNested() {
    CodeProfile p = profile("import os\ndef f():\n    import json\nif x: import re\n");
    assertThat(p.imports()).extracting(ImportRecord::module, ImportRecord::nested)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("os", false),
            org.assertj.core.groups.Tuple.tuple("json", true),
            org.assertj.core.groups.Tuple.tuple("re", true));
  }

  @Test
  void parenthesizedFromImportAcrossLines() {
    CodeProfile p = profile("from collections import (\n    Counter,\n    deque,  # x\n)\n");
    assertThat(p.imports()).extracting(ImportRecord::module).containsExactly("collections");
  }

  @Test
  void resolvesRelativeImportsToTheProjectsOwnFiles() {
    CodeProfile p = project(
        "main.py", "from game import board\n",
        "game/__init__.py", "",
        "game/board.py", "from .pieces import KING\nfrom . import rules\nfrom .. import top\n",
        "game/pieces.py", "KING = 'K'\n",
        "game/rules.py", "import numpy\n",
        "top.py", "");
    assertThat(p.localModules()).contains("game", "game.board", "game.pieces", "game.rules");
    assertThat(p.externalModules()).containsExactly("numpy");
    assertThat(p.imports()).filteredOn(ImportRecord::relative).extracting(ImportRecord::module)
        .containsExactly("game.pieces", "game", "top");
  }

  @Test
  void aProjectFileShadowsTheModuleOfTheSameName() {
    CodeProfile p = project("main.py", "import socket\n", "socket.py", "x = 1\n");
    assertThat(p.externalModules()).isEmpty();
    assertThat(p.features()).doesNotContain(Feature.SOCKETS);
  }

  @Test
  void filesTheEntryNeverImportsAreNotProfiled() {
    CodeProfile p = project("main.py", "print(1)\n", "scratch.py", "import pandas\n");
    assertThat(p.externalModules()).isEmpty();
    assertThat(p.pythonFileCount()).isEqualTo(2);
  }

  @Test
  void resolvesLiteralDynamicImports() {
    CodeProfile p = profile("os = __import__('os')\nimport importlib\n"
        + "np = importlib.import_module(\"numpy\")\n");
    assertThat(p.imports()).filteredOn(ImportRecord::dynamic).extracting(ImportRecord::module)
        .containsExactly("os", "numpy");
    assertThat(p.unresolvedDynamicImport()).isFalse();
    assertThat(p.features()).contains(Feature.DYNAMIC_IMPORT);
  }

  @Test
  void aComputedImportNameIsUnresolved() {
    assertThat(profile("m = __import__(name)\n").unresolvedDynamicImport()).isTrue();
  }

  @Test
  void profilesSourceGivenToExec() {
    CodeProfile p = profile("exec(\"import socket\\nx = 1\")\n");
    assertThat(p.externalModules()).containsExactly("socket");
    assertThat(p.features()).contains(Feature.SOCKETS, Feature.DYNAMIC_IMPORT);
  }

  @Test
  void findsFeaturesFromCallsThroughAliases() {
    CodeProfile p = profile("from os import system as sh, fork\nimport time as t\n"
        + "sh('ls')\nfork()\nname = input()\nopen('f.txt', 'w')\n");
    assertThat(p.features()).contains(Feature.SUBPROCESS, Feature.FORK, Feature.INPUT,
        Feature.FILE_WRITE);
  }

  @Test
  void readingAFileIsNotAWrite() {
    assertThat(profile("open('f.txt').read()\nopen('g', 'rb')\n").features())
        .doesNotContain(Feature.FILE_WRITE);
  }

  @Test
  void totalsSleepsCountingLiteralRangeLoops() {
    CodeProfile p = profile("import time\ntime.sleep(1.5)\nfor i in range(4):\n"
        + "    for j in range(2, 5):\n        time.sleep(0.5)\ntime.sleep(1)\n");
    assertThat(p.sleepSeconds()).isEqualTo(1.5 + 4 * 3 * 0.5 + 1);
    assertThat(p.sleepInUnboundedLoop()).isFalse();
  }

  @Test
  void flagsSleepInAWhileLoop() {
    assertThat(profile("import time\nwhile True:\n    time.sleep(1)\n").sleepInUnboundedLoop())
        .isTrue();
  }

  @Test
  void flagsHugeLiteralRanges() {
    assertThat(profile("print(sum(range(10**9)))\n").hugeLoop()).isTrue();
    assertThat(profile("print(sum(range(10**6)))\n").hugeLoop()).isFalse();
  }

  @Test
  void flagsForkLoopsAndMiningAsAbuse() {
    assertThat(profile("import os\nwhile True:\n    os.fork()\n").abuseSignals())
        .anyMatch(s -> s.contains("fork bomb"));
    assertThat(profile("u = 'stratum+tcp://pool.example:3333'\n").abuseSignals())
        .anyMatch(s -> s.contains("mining pool"));
    assertThat(profile("# xmrig is a miner, this comment is fine\nprint('t-rex')\n")
        .abuseSignals()).isEmpty();
  }

  @Test
  void readsRequirementsAndCountsSizeAndFiles() {
    CodeProfile p = project("main.py", "print('é')\n",
        "requirements.txt", "# deps\nNumPy==2.0 ; python_version>'3'\n-r dev.txt\nrequests\n");
    assertThat(p.requirements()).containsExactly("numpy", "requests");
    assertThat(p.fileCount()).isEqualTo(2);
    assertThat(p.sizeBytes()).isEqualTo(12 + 59); // é is two bytes
  }

  @Test
  void codeThatDoesNotTokenizeStillGetsAProfile() {
    CodeProfile p = profile("import threading\nprint('oops\n");
    assertThat(p.tokenizes()).isFalse();
    assertThat(p.syntaxProblems()).contains("main.py line 2: unterminated string literal");
    assertThat(p.externalModules()).containsExactly("threading");
  }

  @Test
  void neverThrowsOnRandomText() {
    Random random = new Random(7);
    String alphabet = "import from os.fork(while True:\n  __import__('x') f\"{a}\" #\\";
    for (int run = 0; run < 5_000; run++) {
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(80); i > 0; i--) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(profile(s.toString())).isNotNull();
    }
  }
}
