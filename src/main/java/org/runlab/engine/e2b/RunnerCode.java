package org.runlab.engine.e2b;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The Python cells Runlab sends to the code interpreter, and the clean-up of what comes back.
 * Learner files live in {@code project/} under the kernel's starting directory.
 */
final class RunnerCode {
  static final String PROJECT = "project/";
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
  private static final Pattern PROJECT_PATH = Pattern.compile("[^\"\\s]*/project/");

  /** Loads what {@link #run} needs, so the first real run does not pay for it. */
  static final String WARM_UP = "import base64, io, os, runpy, sys\n_runlab_home = os.getcwd()\n";

  private RunnerCode() {}

  /** Runs {@code entry} as __main__ with {@code stdin}; the cell's value is the exit code. */
  static String run(String entry, String stdin) {
    return """
        def _runlab_run():
            import base64, io, os, runpy, sys
            home = globals().setdefault('_runlab_home', os.getcwd())
            d = os.path.join(home, 'project')
            entry = base64.b64decode('%s').decode()
            stdin = base64.b64decode('%s').decode()
            for name, m in list(sys.modules.items()):
                if (getattr(m, '__file__', None) or '').startswith(d + os.sep):
                    del sys.modules[name]
            saved = os.getcwd(), list(sys.path), sys.argv, sys.stdin
            os.chdir(d)
            sys.path.insert(0, d)
            sys.argv = [entry]
            sys.stdin = io.StringIO(stdin)
            try:
                runpy.run_path(os.path.join(d, entry), run_name='__main__')
                return 0
            except SystemExit as e:
                if e.code is None:
                    return 0
                if isinstance(e.code, int):
                    return e.code
                print(e.code, file=sys.stderr)
                return 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os.chdir(saved[0])
                sys.path[:] = saved[1]
                sys.argv, sys.stdin = saved[2], saved[3]
        _runlab_run()
        """
        .formatted(b64(entry), b64(stdin));
  }

  /** Installs project/requirements.txt into the kernel's own interpreter; the value is pip's exit code. */
  static String installRequirements() {
    return """
        def _runlab_pip():
            import os, subprocess, sys
            home = globals().setdefault('_runlab_home', os.getcwd())
            r = subprocess.run([sys.executable, '-m', 'pip', 'install', '--disable-pip-version-check',
                                '-q', '-r', os.path.join(home, 'project', 'requirements.txt')],
                               capture_output=True, text=True)
            sys.stdout.write(r.stdout)
            sys.stderr.write(r.stderr)
            return r.returncode
        _runlab_pip()
        """;
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
