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
  /** Where an environment layer (installed packages) appears inside the sandbox. */
  static final String LAYER = "/opt/environment";
  /** Where the operator's wheelhouse appears inside an install sandbox. */
  static final String WHEELHOUSE = "/opt/wheelhouse";
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
    return build(settings, assets, workDir, cgroup, preload, null);
  }

  /**
   * The runner's sandbox; with {@code layer} (an environment's installed packages, or null) bound
   * read-only at {@link #LAYER} and named in PYTHONPATH, which the runner puts on sys.path.
   */
  static List<String> build(
      LocalEngineSettings settings,
      SandboxAssets assets,
      Path workDir,
      RunCgroup cgroup,
      List<String> preload,
      Path layer) {
    List<String> cmd = jail(settings, assets, cgroup, settings.tmpBytes());
    cmd.addAll(List.of("--ro-bind", assets.dir().toString(), ASSETS, "--dir", MPLCONFIGDIR));
    for (Path file : assets.fontCacheFiles()) {
      cmd.addAll(List.of("--ro-bind", file.toString(), MPLCONFIGDIR + "/" + file.getFileName()));
    }
    if (layer != null) {
      cmd.addAll(List.of("--ro-bind", layer.toString(), LAYER));
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
            "--setenv", "PYTHONUNBUFFERED", "1"));
    if (layer != null) {
      cmd.addAll(List.of("--setenv", "PYTHONPATH", LAYER));
    }
    cmd.addAll(
        List.of(
            "--seccomp", "9",
            "--remount-ro", "/",
            settings.python().toString(), "-I", "-S", "-u", "-B", "-c", BOOTSTRAP));
    cmd.addAll(preload);
    return cmd;
  }

  /**
   * The same jail around pip, installing {@code requirements} from the wheelhouse into
   * {@code target}: no network, uid 65534, seccomp, the install's own cgroup; the wheelhouse and
   * the requirements read-only, only the target (and a private /tmp of {@code tmpBytes}) writable.
   */
  static List<String> install(
      LocalEngineSettings settings, SandboxAssets assets, RunCgroup cgroup, Path wheelhouse,
      Path requirements, Path target, long tmpBytes) {
    List<String> cmd = jail(settings, assets, cgroup, tmpBytes);
    cmd.addAll(
        List.of(
            "--ro-bind", wheelhouse.toString(), WHEELHOUSE,
            "--ro-bind", requirements.toString(), "/requirements.txt",
            "--bind", target.toString(), LAYER,
            "--chdir", "/tmp",
            "--clearenv",
            "--setenv", "PATH", "/usr/bin:/bin",
            "--setenv", "HOME", "/tmp",
            "--setenv", "LANG", "C.UTF-8",
            "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
            "--seccomp", "9",
            "--remount-ro", "/",
            settings.python().toString(), "-I", "-m", "pip", "install", "--isolated",
            "--no-index", "--find-links", WHEELHOUSE, "--only-binary", ":all:",
            "--target", LAYER, "--no-cache-dir", "--disable-pip-version-check", "--no-input",
            "--no-compile", "--progress-bar", "off", "-r", "/requirements.txt"));
    return cmd;
  }

  /** The shell, setpriv and bubblewrap options every sandbox shares, up to its own binds. */
  private static List<String> jail(
      LocalEngineSettings settings, SandboxAssets assets, RunCgroup cgroup, long tmpBytes) {
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
    String size = Long.toString(tmpBytes);
    cmd.addAll(
        List.of(
            "--proc", "/proc",
            "--dev", "/dev",
            "--size", size, "--tmpfs", "/tmp",
            "--size", Long.toString(settings.tmpBytes()), "--tmpfs", "/dev/shm"));
    return cmd;
  }
}
