package org.runlab.engine.e2b;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Python cells Runlab sends to the code interpreter, and the clean-up of what comes back.
 * Learner files live in {@code project/} under the kernel's starting directory.
 */
final class RunnerCode {
  static final String PROJECT = "project/";
  /** At most this many files the program wrote are returned, as on the local engine by default. */
  static final int MAX_FILES = 20;
  static final long MAX_FILE_BYTES = 5L << 20;
  static final long MAX_TOTAL_BYTES = 20L << 20;
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
  private static final Pattern PROJECT_PATH = Pattern.compile("[^\"\\s]*/project/");

  /** Loads what {@link #run} needs, so the first real run does not pay for it. */
  static final String WARM_UP = "import base64, io, os, runpy, sys\n_runlab_home = os.getcwd()\n";

  private RunnerCode() {}

  /**
   * Runs {@code entry} as __main__ with {@code stdin} (the code interpreter cannot take input while
   * a cell runs, so input() reads these lines). An uncaught exception is printed as the learner
   * sees their project (only their files' frames, paths relative to it, as on the other engines).
   * The cell's value is base64 JSON: the exit code and the files the program wrote or changed
   * anywhere in the project (at most {@value #MAX_FILES}, within the size limits).
   */
  static String run(String entry, String stdin) {
    return run(entry, stdin, 0, 0);
  }

  /**
   * Like {@link #run(String, String)}, within {@code memoryBytes} more address space than the
   * kernel has now ({@code RLIMIT_AS}; MemoryError then) and {@code cpuSeconds} more CPU time
   * ({@code RLIMIT_CPU}, whose SIGXCPU stops the program), both lifted again afterwards; zero: no
   * limit. The value also carries the CPU time the run used, kernel and children, and its peak
   * resident memory (the kernel's high-water mark, reset before the run where Linux allows, or a
   * child's if higher), measured inside the sandbox as the local engine measures its cgroup.
   */
  static String run(String entry, String stdin, long memoryBytes, long cpuSeconds) {
    return """
        def _runlab_run():
            import base64, builtins, io, json, os, resource, runpy, signal, sys, traceback
            home = globals().setdefault('_runlab_home', os.getcwd())
            d = os.path.join(home, 'project')
            entry = base64.b64decode('%s').decode()
            stdin = base64.b64decode('%s').decode()
            def files():
                found = {}
                for root, dirs, names in os.walk(d):
                    dirs[:] = [n for n in dirs if n != '__pycache__']
                    for n in names:
                        p = os.path.join(root, n)
                        try:
                            st = os.lstat(p)
                        except OSError:
                            continue
                        found[os.path.relpath(p, d)] = (st.st_mtime_ns, st.st_size, os.path.islink(p))
                return found
            before = files()
            for name, m in list(sys.modules.items()):
                if (getattr(m, '__file__', None) or '').startswith(d + os.sep):
                    del sys.modules[name]
            saved = os.getcwd(), list(sys.path), sys.argv, sys.stdin, builtins.input
            def learner_input(prompt=''):
                sys.stdout.write(str(prompt))
                sys.stdout.flush()
                line = sys.stdin.readline()
                if not line:
                    raise EOFError('EOF when reading a line: in the cloud sandbox input() reads the lines'
                                   ' given before the run (Input for the program), and there were no more')
                return line[:-1] if line.endswith('\\n') else line
            def learner_traceback(e):
                prefix = d + os.sep
                te = traceback.TracebackException(type(e), e, e.__traceback__)
                todo, seen = [te], set()
                while todo:
                    t = todo.pop()
                    if t is None or id(t) in seen:
                        continue
                    seen.add(id(t))
                    frames = [f for f in t.stack if f.filename.startswith(prefix)]
                    for f in frames:
                        f.filename = f.filename[len(prefix):]
                    t.stack = traceback.StackSummary.from_list(frames)
                    if isinstance(getattr(t, 'filename', None), str) and t.filename.startswith(prefix):
                        t.filename = t.filename[len(prefix):]
                    todo += [t.__cause__, t.__context__]
                sys.stderr.write(''.join(te.format()))
            def status(field):
                try:
                    with open('/proc/self/status') as f:
                        for line in f:
                            if line.startswith(field + ':'):
                                return int(line.split()[1]) * 1024
                except (OSError, ValueError, IndexError):
                    pass
                return 0
            class CpuLimit(BaseException):
                pass
            def over_cpu(signum, frame):
                raise CpuLimit()
            memory, cpu = %d, %d
            old_as = resource.getrlimit(resource.RLIMIT_AS)
            old_cpu = resource.getrlimit(resource.RLIMIT_CPU)
            old_xcpu = signal.getsignal(signal.SIGXCPU)
            def cap(kind, old, extra):
                want = extra
                if old[1] != resource.RLIM_INFINITY and want > old[1]:
                    want = old[1]
                try:
                    resource.setrlimit(kind, (want, old[1]))
                except (ValueError, OSError):
                    pass
            self0 = resource.getrusage(resource.RUSAGE_SELF)
            kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            try:
                with open('/proc/self/clear_refs', 'w') as f:
                    f.write('5')
            except OSError:
                pass
            os.chdir(d)
            sys.path.insert(0, d)
            sys.argv = [entry]
            sys.stdin = io.StringIO(stdin)
            builtins.input = learner_input
            code, limit, failed = 0, None, None
            try:
                if cpu > 0:
                    signal.signal(signal.SIGXCPU, over_cpu)
                    cap(resource.RLIMIT_CPU, old_cpu, int(self0.ru_utime + self0.ru_stime) + 1 + cpu)
                if memory > 0 and status('VmSize') > 0:
                    cap(resource.RLIMIT_AS, old_as, status('VmSize') + memory)
                runpy.run_path(os.path.join(d, entry), run_name='__main__')
            except SystemExit as e:
                if e.code is None:
                    code = 0
                elif isinstance(e.code, int):
                    code = e.code
                else:
                    print(e.code, file=sys.stderr)
                    code = 1
            except BaseException as e:
                failed = e
            finally:
                resource.setrlimit(resource.RLIMIT_AS, old_as)
                resource.setrlimit(resource.RLIMIT_CPU, old_cpu)
                signal.signal(signal.SIGXCPU, old_xcpu)
                sys.stdout.flush()
                sys.stderr.flush()
                os.chdir(saved[0])
                sys.path[:] = saved[1]
                sys.argv, sys.stdin, builtins.input = saved[2], saved[3], saved[4]
            if isinstance(failed, CpuLimit):
                limit, code = 'cpu', 1
            elif failed is not None:
                if isinstance(failed, MemoryError):
                    limit = 'memory'
                learner_traceback(failed)
                code = 130 if isinstance(failed, KeyboardInterrupt) else 1
            failed = None
            self1 = resource.getrusage(resource.RUSAGE_SELF)
            kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu_s = (self1.ru_utime - self0.ru_utime + self1.ru_stime - self0.ru_stime
                     + kids1.ru_utime - kids0.ru_utime + kids1.ru_stime - kids0.ru_stime)
            peak = max(status('VmHWM') or self1.ru_maxrss * 1024, kids1.ru_maxrss * 1024)
            written, total = [], 0
            for path, (mtime, size, link) in sorted(files().items()):
                if link or before.get(path) == (mtime, size, link) or len(written) >= %d:
                    continue
                if size <= %d and total + size <= %d:
                    written.append(path)
                    total += size
            return base64.b64encode(json.dumps({'exit': code, 'files': written, 'limit': limit,
                'cpu_ms': int(cpu_s * 1000), 'peak_bytes': peak}).encode()).decode()
        _runlab_run()
        """
        .formatted(b64(entry), b64(stdin), memoryBytes, cpuSeconds, MAX_FILES, MAX_FILE_BYTES, MAX_TOTAL_BYTES);
  }

  /**
   * What a {@link #run} cell reported.
   *
   * @param limit "memory" or "cpu" when the program hit that limit, else null
   */
  record Outcome(int exitCode, List<String> files, String limit, long cpuMs, long peakBytes) {
    Outcome(int exitCode, List<String> files) {
      this(exitCode, files, null, 0, 0);
    }
  }

  /** Reads what a {@link #run} cell returned; exit code 1 and no files when unreadable. */
  static Outcome outcome(Execution e) {
    String text = e.text();
    if (text == null) {
      return new Outcome(1, List.of());
    }
    try {
      String json = new String(Base64.getDecoder().decode(text.trim()), StandardCharsets.UTF_8);
      try (JsonReader r = Json.createReader(new StringReader(json))) {
        JsonObject o = r.readObject();
        List<String> files = o.getJsonArray("files").getValuesAs(JsonString.class).stream()
            .map(JsonString::getString).toList();
        String limit = o.containsKey("limit") && !o.isNull("limit") ? o.getString("limit") : null;
        return new Outcome(o.getInt("exit"), files, limit,
            o.getJsonNumber("cpu_ms") == null ? 0 : o.getJsonNumber("cpu_ms").longValue(),
            o.getJsonNumber("peak_bytes") == null ? 0 : o.getJsonNumber("peak_bytes").longValue());
      }
    } catch (RuntimeException notJson) {
      return new Outcome(exitCode(e), List.of());
    }
  }

  /**
   * Installs the requirements file at {@code path} (under the kernel's starting directory) into
   * the kernel's own interpreter, streaming pip's lines as they come; the value is pip's exit
   * code. Without {@code index} pip looks at no index: only what is installed satisfies a line.
   */
  static String installRequirements(String path, boolean index) {
    return """
        def _runlab_pip():
            import os, subprocess, sys
            home = globals().setdefault('_runlab_home', os.getcwd())
            args = [sys.executable, '-m', 'pip', 'install', '--disable-pip-version-check', '--no-input',
                    '--progress-bar', 'off', '-r', os.path.join(home, '%s')]
            if not %s:
                args.append('--no-index')
            p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for line in p.stdout:
                sys.stdout.write(line)
                sys.stdout.flush()
            return p.wait()
        _runlab_pip()
        """.formatted(path.replace("'", ""), index ? "True" : "False");
  }

  /**
   * The traceback a learner should see: from the first frame in their project on, with paths
   * made relative and colours removed. Works for IPython's format and plain Python's.
   */
  static String learnerTraceback(Execution.Error error) {
    String tb = ANSI.matcher(error.traceback()).replaceAll("");
    int at = tb.indexOf("/" + PROJECT);
    if (at >= 0) {
      int lineStart = tb.lastIndexOf('\n', at) + 1;
      tb = "Traceback (most recent call last):\n" + tb.substring(lineStart);
    }
    tb = PROJECT_PATH.matcher(tb).replaceAll("");
    if (tb.isBlank()) {
      tb = error.name() + ": " + error.value();
    }
    return tb.endsWith("\n") ? tb : tb + "\n";
  }

  /**
   * Whether the kernel process died under a cell: the runner catches whatever a program raises,
   * so this error comes from the server losing its kernel (killed from outside, as by the OOM killer).
   */
  static boolean kernelDied(Execution.Error error) {
    return "UnexpectedEndOfExecution".equals(error.name());
  }

  /** Parses the exit code a runner cell returned; 1 when unreadable. */
  static int exitCode(Execution e) {
    try {
      return Integer.parseInt(e.text().trim());
    } catch (RuntimeException unreadable) {
      return 1;
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
