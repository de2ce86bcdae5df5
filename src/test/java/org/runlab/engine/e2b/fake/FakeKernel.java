package org.runlab.engine.e2b.fake;

import jakarta.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** One fake Jupyter context: a real /usr/bin/python3 process running kernel.py, state kept. */
final class FakeKernel implements AutoCloseable {
  static final String PYTHON = "/usr/bin/python3";
  private static final String END = "\"end_of_execution\"";

  final String id;
  final String cwd;
  private final Path home;
  private final java.util.Map<String, String> env;
  private final ReentrantLock lock = new ReentrantLock();
  private Process process;
  private Writer stdin;
  private BlockingQueue<String> lines;
  private boolean first = true;
  private volatile int generation;

  FakeKernel(String id, Path home, String cwd) {
    this(id, home, cwd, java.util.Map.of());
  }

  FakeKernel(String id, Path home, String cwd, java.util.Map<String, String> env) {
    this.id = id;
    this.home = home;
    this.cwd = cwd;
    this.env = env;
    start();
  }

  private void start() {
    try {
      Path script = home.resolve(".kernel.py");
      if (!Files.exists(script)) {
        try (InputStream in = FakeKernel.class.getResourceAsStream("kernel.py")) {
          Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      ProcessBuilder pb = new ProcessBuilder(PYTHON, "-u", script.toString()).directory(home.toFile());
      pb.environment().put("HOME", home.toString());
      pb.environment().put("MPLBACKEND", "Agg");
      pb.environment().put("PIP_NO_INDEX", "1");
      pb.environment().put("PIP_BREAK_SYSTEM_PACKAGES", "1");
      // pip installs into this sandbox's home only (never the host's Python, even as root), gives
      // up at once on a refused index, and talks to the loopback index without a proxy.
      pb.environment().put("PYTHONUSERBASE", home.resolve(".local").toString());
      pb.environment().put("PIP_USER", "1");
      pb.environment().put("PIP_RETRIES", "0");
      pb.environment().keySet().removeIf(k -> k.equalsIgnoreCase("http_proxy") || k.equalsIgnoreCase("https_proxy")
          || k.equalsIgnoreCase("all_proxy"));
      pb.environment().putAll(env);
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      process = pb.start();
      stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      BlockingQueue<String> q = new LinkedBlockingQueue<>();
      lines = q;
      BufferedReader out =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Thread reader =
          new Thread(
              () -> {
                try {
                  for (String l; (l = out.readLine()) != null; ) {
                    q.add(l);
                  }
                } catch (IOException ignored) {
                  // the process died
                }
                q.add("");
              },
              "fake-kernel-" + id);
      reader.setDaemon(true);
      reader.start();
      first = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serialises executions on this context, as the real per-context lock does. */
  ReentrantLock lock() {
    return lock;
  }

  /**
   * Sends a cell. Like the real server, the first execution is prefixed with lines setting the
   * sandbox's environment variables, so cell line numbers shift (Corrections 7).
   */
  void submit(String code, String sandboxId) throws IOException {
    String prefix = "";
    if (first) {
      prefix =
          "import os\nos.environ['E2B_SANDBOX'] = 'true'\nos.environ['E2B_SANDBOX_ID'] = '"
              + sandboxId
              + "'\nos.chdir('"
              + cwd.replace("'", "")
              + "')\n";
      first = false;
    }
    String line =
        Json.createObjectBuilder().add("code", prefix + code).build().toString() + "\n";
    stdin.write(line);
    stdin.flush();
  }

  /** The next event line, or null after {@code timeoutMs}; "" when the process is gone. */
  String next(long timeoutMs) throws InterruptedException {
    return lines.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  static boolean isEnd(String line) {
    return line.contains(END);
  }

  /** Sends SIGINT, as the real server does when the client goes away. */
  void interrupt() {
    if (process.isAlive()) {
      try {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      } catch (IOException | InterruptedException ignored) {
        // best effort
      }
    }
  }

  /** Drains events until the end of the current execution, waiting at most {@code ms}. */
  void drain(long ms) throws InterruptedException {
    long until = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < until) {
      String l = next(100);
      if (l != null && (l.isEmpty() || isEnd(l))) {
        return;
      }
    }
  }

  void restart() {
    close();
    generation++;
    start();
  }

  /** Changes on every restart, so a streaming execution can see its kernel was replaced. */
  int generation() {
    return generation;
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
