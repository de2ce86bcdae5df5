package org.runlab.engine.selection;

import java.util.Deque;
import java.util.List;
import java.util.Set;

/** What a call means for the profile: a dynamic import, a sleep, a fork, a file write. */
final class Calls {
  private static final Set<String> SPAWNS = Set.of(
      "subprocess.Popen", "subprocess.run", "subprocess.call", "subprocess.check_call",
      "subprocess.check_output", "os.system", "os.popen", "multiprocessing.Process");
  private static final Set<String> FILE_CHANGES = Set.of(
      "os.remove", "os.unlink", "os.mkdir", "os.makedirs", "os.rename", "os.replace", "os.rmdir",
      "os.removedirs", "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copytree",
      "shutil.move", "shutil.rmtree", "shutil.make_archive");

  private final FileScanner s;
  private final List<Token> t;
  private final Deque<double[]> loops;

  Calls(FileScanner s, List<Token> t, Deque<double[]> loops) {
    this.s = s;
    this.t = t;
    this.loops = loops;
  }

  /** {@code open} is the index of the call's '('. */
  void call(String name, int open, int execDepth) {
    switch (name) {
      case "__import__", "importlib.__import__", "importlib.import_module" -> dynamicImport(open);
      case "exec", "eval", "compile" -> {
        Token arg = tok(open + 1);
        if (arg.type() == TokenType.STRING) {
          s.scanNested(arg.stringValue(), execDepth);
        }
      }
      case "time.sleep", "asyncio.sleep" -> sleep(open);
      case "os.fork", "os.forkpty" -> {
        s.features.add(Feature.FORK);
        if (!loops.isEmpty()) {
          s.abuse.add("calls " + name + "() in a loop (a fork bomb)");
        }
      }
      case "input", "sys.stdin.read", "sys.stdin.readline", "sys.stdin.readlines",
          "fileinput.input" -> s.features.add(Feature.INPUT);
      case "open", "io.open", "codecs.open" -> openMode(open);
      case "range" -> {
        if (rangeLength(t, open + 1) >= FileScanner.HUGE_LOOP) {
          s.hugeLoop = true;
        }
      }
      case "socket.socket", "socket.create_connection", "asyncio.open_connection",
          "asyncio.start_server" -> s.features.add(Feature.SOCKETS);
      default -> other(name, open);
    }
  }

  private void other(String name, int open) {
    if (name.startsWith("importlib.util.") || name.equals("importlib.machinery.SourceFileLoader")) {
      s.unresolvedDynamic = true;
      s.features.add(Feature.DYNAMIC_IMPORT);
    } else if (name.startsWith("os.spawn") || name.startsWith("os.exec")
        || name.startsWith("os.posix_spawn") || name.equals("os.system")
        || name.equals("os.popen")) {
      s.features.add(Feature.SUBPROCESS);
    } else if (FILE_CHANGES.contains(name)) {
      s.features.add(Feature.FILE_WRITE);
    } else if (name.startsWith("ctypes.")) {
      s.features.add(Feature.CTYPES);
    }
    if (SPAWNS.contains(name) && inEndlessLoop()) {
      s.abuse.add("starts " + name + "() in an endless loop (a fork bomb)");
    }
  }

  private void dynamicImport(int open) {
    s.features.add(Feature.DYNAMIC_IMPORT);
    Token arg = tok(open + 1);
    Token after = tok(open + 2);
    if (arg.type() == TokenType.STRING && (after.isOp(")") || after.isOp(","))) {
      s.dynamicImport(arg.stringValue(), arg.line());
    } else {
      s.unresolvedDynamic = true;
    }
  }

  private void sleep(int open) {
    Token arg = tok(open + 1);
    double seconds = 0;
    if (arg.type() == TokenType.NUMBER && tok(open + 2).isOp(")")) {
      seconds = number(arg.text());
    }
    if (Double.isNaN(seconds)) {
      seconds = 0;
    }
    double factor = 1;
    for (double[] loop : loops) {
      if (loop[1] < 0) {
        s.sleepUnbounded = true;
      } else {
        factor *= loop[1];
      }
    }
    s.sleepSeconds += seconds * factor;
  }

  private void openMode(int open) {
    int depth = tok(open).depth() + 1;
    int positional = 0;
    for (int j = open + 1; j < t.size(); j++) {
      Token k = tok(j);
      if (k.depth() < depth || k.type() == TokenType.ENDMARKER) {
        return;
      }
      if (k.depth() > depth) {
        continue;
      }
      if (k.isOp(",")) {
        positional++;
      } else if (k.type() == TokenType.STRING && (positional == 1 || tok(j - 1).isOp("=")
          && tok(j - 2).isName("mode"))) {
        String mode = k.stringValue();
        if (mode.contains("w") || mode.contains("a") || mode.contains("x")
            || mode.contains("+")) {
          s.features.add(Feature.FILE_WRITE);
        }
        return;
      }
    }
  }

  private boolean inEndlessLoop() {
    for (double[] loop : loops) {
      if (loop[1] < 0) {
        return true;
      }
    }
    return false;
  }

  private Token tok(int i) {
    return t.get(Math.max(0, Math.min(i, t.size() - 1)));
  }

  /**
   * The number of steps of {@code range(...)} whose arguments start at {@code i}, when they are
   * literals such as {@code 10**9} or {@code 1, 5_000_000}; -1 when not literal.
   */
  static double rangeLength(List<Token> t, int i) {
    double[] first = new double[1];
    int j = literal(t, i, first);
    if (j < 0) {
      return -1;
    }
    if (t.get(j).isOp(")")) {
      return first[0];
    }
    double[] second = new double[1];
    if (t.get(j).isOp(",") && literal(t, j + 1, second) >= 0) {
      return Math.max(0, second[0] - first[0]);
    }
    return -1;
  }

  /** Reads NUMBER (('*' | '**') NUMBER)* into value[0]; the index after it, or -1. */
  private static int literal(List<Token> t, int i, double[] value) {
    if (i >= t.size() || t.get(i).type() != TokenType.NUMBER) {
      return -1;
    }
    double product = 1;
    double term = number(t.get(i).text());
    int j = i + 1;
    while (j + 1 < t.size() && t.get(j + 1).type() == TokenType.NUMBER
        && (t.get(j).isOp("**") || t.get(j).isOp("*"))) {
      double n = number(t.get(j + 1).text());
      if (t.get(j).isOp("**")) {
        term = Math.pow(term, n);
      } else {
        product *= term;
        term = n;
      }
      j += 2;
    }
    value[0] = product * term;
    return Double.isNaN(value[0]) ? -1 : j;
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text.replace("_", ""));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
