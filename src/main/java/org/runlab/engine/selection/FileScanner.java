package org.runlab.engine.selection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one Python file's tokens into profile facts; {@link CodeProfiler} combines the files. */
final class FileScanner {
  /** A loop whose length the source does not show is assumed to run this many times. */
  static final int UNKNOWN_LOOP_ITERATIONS = 10;
  static final double HUGE_LOOP = 1e8;
  private static final int MAX_EXEC_DEPTH = 2;

  final String file;
  final String pkg;
  final List<ImportRecord> imports = new ArrayList<>();
  final List<String> submoduleCandidates = new ArrayList<>();
  final Set<Feature> features = EnumSet.noneOf(Feature.class);
  final List<String> abuse = new ArrayList<>();
  final List<String> problems = new ArrayList<>();
  final AbuseSignatures signatures;
  double sleepSeconds;
  boolean sleepUnbounded;
  boolean hugeLoop;
  boolean unresolvedDynamic;
  int lines;

  private final Map<String, String> aliases = new HashMap<>();
  private final Deque<double[]> loops = new ArrayDeque<>(); // {column, iterations (-1 = endless)}
  private List<Token> t;
  private boolean dynamicContext;

  FileScanner(String file, String pkg, AbuseSignatures signatures) {
    this.file = file;
    this.pkg = pkg;
    this.signatures = signatures;
  }

  void scan(String source) {
    Tokenized tokenized = PythonTokenizer.tokenize(source);
    for (String p : tokenized.problems()) {
      problems.add(file + " " + p);
    }
    List<Token> tokens = tokenized.tokens();
    lines += tokens.get(tokens.size() - 1).line();
    scan(tokenized.tokens(), 0);
  }

  private void scan(List<Token> all, int execDepth) {
    List<Token> saved = t;
    Deque<double[]> savedLoops = new ArrayDeque<>(loops);
    t = new ArrayList<>(all.size());
    for (Token k : all) {
      if (k.type() != TokenType.COMMENT) {
        t.add(k);
      }
    }
    for (int i = 0; i < t.size(); i++) {
      Token k = tok(i);
      Token prev = i == 0 ? null : tok(i - 1);
      boolean lineStart = prev == null || prev.type() == TokenType.NEWLINE;
      if (lineStart) {
        while (!loops.isEmpty() && loops.peek()[0] >= k.column()) {
          loops.pop();
        }
      }
      boolean stmtStart = lineStart
          || prev.depth() == 0 && (prev.isOp(";") || prev.isOp(":"));
      if (k.type() == TokenType.NAME) {
        if (stmtStart && k.text().equals("import")) {
          importStatement(i, !lineStart || k.column() > 0);
        } else if (stmtStart && k.text().equals("from")) {
          fromStatement(i, !lineStart || k.column() > 0);
        } else if (stmtStart && (k.text().equals("for") || k.text().equals("while"))) {
          loop(i);
        } else if (prev == null || !prev.isOp(".")) {
          chain(i, execDepth);
        } else if (next(i).isOp("(")
            && (k.text().equals("write_text") || k.text().equals("write_bytes"))) {
          features.add(Feature.FILE_WRITE);
        }
      } else if (k.isString()) {
        abuse.addAll(signatures.find(k.stringValue()));
      }
    }
    t = saved;
    loops.clear();
    loops.addAll(savedLoops);
  }

  private void importStatement(int i, boolean nested) {
    int j = i + 1;
    while (j < t.size() && tok(j).type() == TokenType.NAME) {
      StringBuilder name = new StringBuilder(tok(j).text());
      j++;
      while (tok(j).isOp(".") && tok(j + 1).type() == TokenType.NAME) {
        name.append('.').append(tok(j + 1).text());
        j += 2;
      }
      String module = name.toString();
      addImport(module, tok(i).line(), nested, false);
      if (tok(j).isName("as") && tok(j + 1).type() == TokenType.NAME) {
        aliases.put(tok(j + 1).text(), module);
        j += 2;
      } else {
        String first = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
        aliases.put(first, first);
      }
      if (!tok(j).isOp(",")) {
        break;
      }
      j++;
    }
  }

  private void fromStatement(int i, boolean nested) {
    int j = i + 1;
    int level = 0;
    while (tok(j).isOp(".") || tok(j).isOp("...")) {
      level += tok(j).text().length();
      j++;
    }
    StringBuilder name = new StringBuilder();
    while (tok(j).type() == TokenType.NAME && !tok(j).isName("import")) {
      name.append(tok(j).text());
      j++;
      if (tok(j).isOp(".")) {
        name.append('.');
        j++;
      }
    }
    if (!tok(j).isName("import")) {
      return;
    }
    String base = level == 0 ? name.toString() : resolveRelative(level, name.toString());
    int line = tok(i).line();
    if (!base.isEmpty()) {
      addImport(base, line, nested, level > 0);
    }
    for (j++; j < t.size(); j++) {
      Token k = tok(j);
      if (k.type() == TokenType.NEWLINE || k.isOp(";") || k.isOp(")")) {
        break;
      }
      if (k.type() != TokenType.NAME || tok(j - 1).isName("as")) {
        continue;
      }
      String qualified = base.isEmpty() ? k.text() : base + "." + k.text();
      if (base.isEmpty()) {
        addImport(qualified, line, nested, true);
      } else {
        submoduleCandidates.add(qualified);
      }
      boolean renamed = tok(j + 1).isName("as") && tok(j + 2).type() == TokenType.NAME;
      aliases.put(renamed ? tok(j + 2).text() : k.text(), qualified);
    }
  }

  private String resolveRelative(int level, String name) {
    String base = pkg;
    for (int up = 1; up < level && !base.isEmpty(); up++) {
      int dot = base.lastIndexOf('.');
      base = dot < 0 ? "" : base.substring(0, dot);
    }
    if (name.isEmpty()) {
      return base;
    }
    return base.isEmpty() ? name : base + "." + name;
  }

  private void addImport(String module, int line, boolean nested, boolean relative) {
    imports.add(new ImportRecord(module, file, line, nested, relative, dynamicContext));
    if (dynamicContext) {
      features.add(Feature.DYNAMIC_IMPORT);
    }
  }

  private void loop(int i) {
    double iterations = -1;
    if (tok(i).isName("for")) {
      iterations = UNKNOWN_LOOP_ITERATIONS;
      for (int j = i + 1; j < t.size() && tok(j).type() != TokenType.NEWLINE; j++) {
        if (tok(j).isName("in") && tok(j).depth() == tok(i).depth()) {
          if (tok(j + 1).isName("range") && tok(j + 2).isOp("(")) {
            double n = Calls.rangeLength(t, j + 3);
            iterations = n >= 0 ? n : UNKNOWN_LOOP_ITERATIONS;
          }
          break;
        }
      }
    }
    loops.push(new double[] {tok(i).column(), iterations});
  }

  /** A name, possibly dotted ({@code os.path.join}); if called, what the call means. */
  private void chain(int i, int execDepth) {
    String first = tok(i).text();
    Token after = tok(i + 1);
    if (!after.isOp(".") && !after.isOp("(")) {
      String alias = aliases.get(first);
      if (alias != null && alias.startsWith("sys.stdin")) {
        features.add(Feature.INPUT);
      }
      return;
    }
    StringBuilder name = new StringBuilder();
    name.append(aliases.getOrDefault(first, first));
    int j = i + 1;
    while (tok(j).isOp(".") && tok(j + 1).type() == TokenType.NAME) {
      name.append('.').append(tok(j + 1).text());
      j += 2;
    }
    String qualified = name.toString();
    if (tok(j).isOp("(")) {
      new Calls(this, t, loops).call(qualified, j, execDepth);
    } else if (qualified.startsWith("sys.stdin")) {
      features.add(Feature.INPUT);
    }
  }

  /** Profiles source text passed to exec/eval/compile as if its imports were dynamic. */
  void scanNested(String source, int execDepth) {
    if (execDepth >= MAX_EXEC_DEPTH) {
      unresolvedDynamic = true;
      return;
    }
    boolean saved = dynamicContext;
    dynamicContext = true;
    Tokenized tokenized = PythonTokenizer.tokenize(source.replace("\\n", "\n"));
    scan(tokenized.tokens(), execDepth + 1);
    dynamicContext = saved;
  }

  void dynamicImport(String module, int line) {
    boolean saved = dynamicContext;
    dynamicContext = true;
    if (module.startsWith(".")) {
      int level = 0;
      while (level < module.length() && module.charAt(level) == '.') {
        level++;
      }
      addImport(resolveRelative(level, module.substring(level)), line, true, true);
    } else {
      addImport(module, line, true, false);
    }
    dynamicContext = saved;
  }

  private Token next(int i) {
    return tok(i + 1);
  }

  private Token tok(int i) {
    return t.get(Math.min(i, t.size() - 1));
  }
}
