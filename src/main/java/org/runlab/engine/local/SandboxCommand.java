package org.runlab.engine.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts one sandbox: a root shell joins the run's cgroup and sets rlimits,
 * setpriv drops to the sandbox uid with no capabilities, and bubblewrap builds the jail.
 */
final class SandboxCommand {
  static final String WORK = "/work";
  static final String ASSETS = "/opt/runlab";
  /** Writable (a directory in the private /tmp), with the prebuilt font list bound into it. */
  static final String MPLCONFIGDIR = "/tmp/mpl";
  /** Imports the runner as a module, so its byte code compiled at engine start is used. */
  static final String BOOTSTRAP =
      "import sys; sys.path[:0] = ['" + ASSETS + "']; import runner; runner.main()";
  /** The runner sets per-run CPU and file limits below these ceilings before learner code runs. */
  private static final int CPU_CEILING_SECONDS = 3600;
  private static final long FILE_CEILING_BLOCKS = 2L << 20; // 1 GiB in dash's 512-byte blocks
  private static final List<String> ETC =
      List.of(
          "/etc/alternatives", "/etc/ld.so.cache", "/etc/python3.11", "/etc/python3",
          "/etc/fonts", "/etc/matplotlibrc", "/etc/localtime", "/etc/mime.types");

  private SandboxCommand() {}

  static List<String> build(
      LocalEngineSettings settings,
      SandboxAssets assets,
      Path workDir,
      RunCgroup cgroup,
      List<String> preload) {
    String script =
        cgroup.attachScript()
            + "ulimit -t " + CPU_CEILING_SECONDS
            + "; ulimit -f " + FILE_CEILING_BLOCKS
            + "; ulimit -n " + settings.openFiles()
            + "; ulimit -c 0; exec \"$@\" 9<'" + assets.seccomp() + "'";
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh"));
    cmd.addAll(
        List.of(
            settings.setpriv().toString(),
            "--reuid=" + settings.sandboxUid(),
            "--regid=" + settings.sandboxUid(),
            "--clear-groups",
            "--inh-caps=-all",
            "--bounding-set=-all",
            settings.bwrap().toString(),
            "--unshare-all", "--unshare-user", "--disable-userns",
            "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--hostname", "runlab",
            "--ro-bind", "/usr", "/usr",
            "--symlink", "usr/lib", "/lib",
            "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin"));
    for (String etc : ETC) {
      if (Files.exists(Path.of(etc))) {
        cmd.addAll(List.of("--ro-bind", etc, etc));
      }
    }
    String tmpBytes = Long.toString(settings.tmpBytes());
    cmd.addAll(
        List.of(
            "--ro-bind", assets.dir().toString(), ASSETS,
            "--proc", "/proc",
            "--dev", "/dev",
            "--size", tmpBytes, "--tmpfs", "/tmp",
            "--size", tmpBytes, "--tmpfs", "/dev/shm",
            "--dir", MPLCONFIGDIR));
    for (Path file : assets.fontCacheFiles()) {
      cmd.addAll(List.of("--ro-bind", file.toString(), MPLCONFIGDIR + "/" + file.getFileName()));
    }
    cmd.addAll(
        List.of(
            "--bind", workDir.toString(), WORK,
            "--chdir", WORK,
            "--clearenv",
            "--setenv", "PATH", "/usr/bin:/bin",
            "--setenv", "HOME", WORK,
            "--setenv", "LANG", "C.UTF-8",
            "--setenv", "MPLBACKEND", "Agg",
            "--setenv", "MPLCONFIGDIR", MPLCONFIGDIR,
            "--setenv", "OPENBLAS_NUM_THREADS", "1",
            "--setenv", "OMP_NUM_THREADS", "1",
            "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
            "--setenv", "PYTHONUNBUFFERED", "1",
            "--seccomp", "9",
            "--remount-ro", "/",
            settings.python().toString(), "-I", "-S", "-u", "-B", "-c", BOOTSTRAP));
    cmd.addAll(preload);
    return cmd;
  }
}
