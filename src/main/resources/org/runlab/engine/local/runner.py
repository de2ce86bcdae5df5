"""Runs one learner program inside a one-shot sandbox; started by the local engine.

Started as `python3 -I -S -u -B -c 'import sys; sys.path[:0] = ["/opt/runlab"]; import runner;
runner.main()' [module...]` (imported rather than run as a script, so that the byte code the engine
compiled at start is used): imports the modules named (the warm pool's preload), says it is ready, then reads one job header line from stdin and runs the job. Whatever
follows the header on stdin is the program's own stdin. The process is never reused.
Header: mode, CPU seconds, file-size bytes, check-requirements (0/1), entry path; tab-separated.
Mode "run" gives the program its stdin as it comes; "interact" also writes INPUT to stderr each
time the program waits for input that has not arrived yet, so the page can ask the learner.
It imports as little as it can before the job: every millisecond here is paid by every run.
"""
import atexit
import os
import resource
import sys

READY = "\x1erunlab ready"
REQUIREMENTS = "\x1erunlab requirements"
END = "\x1erunlab end"
INPUT = b"\x1erunlab input\n"
WORK = "/work"
PLOTS = "out"
SITE = ["/usr/local/lib/python3.%d/dist-packages" % sys.version_info[1],
        "/usr/lib/python3/dist-packages"]


def preload(names):
    for name in names:
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - a module that is not installed is simply not preloaded
            pass


def read_header():
    line = bytearray()
    while True:
        b = os.read(0, 1)
        if not b or b == b"\n":
            return line.decode("utf-8").split("\t", 4) if line else None
        line += b


def limit_resources(cpu_seconds, file_bytes):
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # RLIMIT_CPU counts whole seconds of the process's life, preload included: round up.
    soft = -int(-(usage.ru_utime + usage.ru_stime + max(1, cpu_seconds)) // 1)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard - 1)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))


def check_requirements():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    try:
        import reqcheck
    finally:
        del sys.path[0]

    with open(os.path.join(WORK, "requirements.txt"), encoding="utf-8") as f:
        problems = reqcheck.check(f.read())
    lines = [REQUIREMENTS] + [p.replace("\n", " ") for p in problems] + [END]
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
    return not problems


def probe():
    print("version " + sys.version.split()[0])
    print("stdlib " + " ".join(sorted(sys.stdlib_module_names)))
    print("preloaded " + " ".join(n for n in sys.argv[1:] if n in sys.modules))


def learner_traceback(exc):
    """Prints the traceback as the learner sees their project: only their files' frames, with
    paths relative to the project (main.py, utils/helpers.py), as in the browser."""
    import traceback

    prefix = WORK + "/"
    te = traceback.TracebackException(type(exc), exc, exc.__traceback__)
    seen = set()
    todo = [te]
    while todo:
        t = todo.pop()
        if t is None or id(t) in seen:
            continue
        seen.add(id(t))
        frames = [f for f in t.stack if f.filename.startswith(prefix)]
        for f in frames:
            f.filename = f.filename[len(prefix):]
        t.stack = traceback.StackSummary.from_list(frames)
        if isinstance(getattr(t, "filename", None), str) and t.filename.startswith(prefix):
            t.filename = t.filename[len(prefix):]
        todo += [t.__cause__, t.__context__]
    sys.stderr.write("".join(te.format()))


def friendly_input():
    """input() that says why it ends when no input is left, instead of a bare EOFError."""
    import builtins

    real = builtins.input

    def input(prompt=""):  # noqa: A001 - it is the learner's input()
        try:
            return real(prompt)
        except EOFError:
            raise EOFError("EOF when reading a line: the program asked for more input than it was"
                           " given") from None

    builtins.input = input


def interactive_stdin():
    """Standard input that says INPUT on stderr whenever the program waits for a line not yet sent."""
    import io
    import select

    class Raw(io.RawIOBase):
        def readable(self):
            return True

        def fileno(self):
            return 0

        def readinto(self, buffer):
            if not select.select([0], [], [], 0)[0]:
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except Exception:  # noqa: BLE001
                        pass
                os.write(2, INPUT)
            data = os.read(0, len(buffer))
            buffer[:len(data)] = data
            return len(data)

    sys.stdin = sys.__stdin__ = io.TextIOWrapper(io.BufferedReader(Raw()), encoding="utf-8",
                                                 errors="replace")


def save_figures(pyplot):
    """Saves every open matplotlib figure as out/plot-N.png and closes it (plt.show(), and the end)."""
    try:
        nums = pyplot.get_fignums()
        if not nums:
            return
        os.makedirs(os.path.join(WORK, PLOTS), exist_ok=True)
        n = 1
        for num in nums:
            while os.path.exists(os.path.join(WORK, PLOTS, "plot-%d.png" % n)):
                n += 1
            pyplot.figure(num).savefig(os.path.join(WORK, PLOTS, "plot-%d.png" % n), format="png")
        pyplot.close("all")
    except Exception:  # noqa: BLE001 - a figure that cannot be saved is not the learner's error
        pass


def patch_pyplot(pyplot):
    pyplot.show = lambda *args, **kwargs: save_figures(pyplot)


class PyplotHook:
    """Patches matplotlib.pyplot's show() once the program imports it, without importing it first."""

    def find_spec(self, name, path=None, target=None):
        if name != "matplotlib.pyplot":
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        real = spec.loader.exec_module

        def exec_module(module):
            real(module)
            patch_pyplot(module)

        spec.loader.exec_module = exec_module
        return spec


def watch_plots():
    if "matplotlib.pyplot" in sys.modules:
        patch_pyplot(sys.modules["matplotlib.pyplot"])
    else:
        sys.meta_path.insert(0, PyplotHook())


def exit_code(exc):
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def finish(code, namespace):
    """Ends like the interpreter would, without its slow teardown of every loaded module.

    Non-daemon threads are joined and atexit handlers run; the learner's globals are dropped so
    their files are closed and flushed; then the process leaves at once.
    """
    if "matplotlib.pyplot" in sys.modules:
        save_figures(sys.modules["matplotlib.pyplot"])
    try:
        threading = sys.modules.get("threading")  # imported only if the program did
        if threading is not None:
            threading._shutdown()
        atexit._run_exitfuncs()
    except BaseException as exc:  # noqa: BLE001
        learner_traceback(exc)
    for module in list(sys.modules.values()):
        if (getattr(module, "__file__", None) or "").startswith(WORK + "/"):
            module.__dict__.clear()
    namespace.clear()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed or broken stream cannot be helped
            pass
    os._exit(code)


def run(entry):
    """Runs the entry file as __main__, as `python3 entry` would from the work directory."""
    path = os.path.join(WORK, entry)
    os.chdir(WORK)
    sys.path.insert(0, os.path.dirname(path))
    sys.argv = [entry]
    main = type(sys)("__main__")
    main.__file__ = path
    main.__builtins__ = __builtins__
    namespace = main.__dict__
    sys.modules["__main__"] = main
    try:
        with open(path, "rb") as f:
            code = compile(f.read(), path, "exec")
        exec(code, namespace)
        status = 0
    except SystemExit as exc:
        status = exit_code(exc)
    except BaseException as exc:  # noqa: BLE001 - report like the interpreter would
        learner_traceback(exc)
        status = 130 if isinstance(exc, KeyboardInterrupt) else 1
    finish(status, namespace)


def main():
    del sys.path[0]  # the runner's own directory, put first by the bootstrap
    # An environment layer (packages installed from the wheelhouse) comes before Debian's, so a
    # version pinned in requirements.txt wins over the one the system has.
    layer = os.environ.pop("PYTHONPATH", "")
    sys.path.extend(p for p in [layer] + SITE if p and p not in sys.path)
    preload(sys.argv[1:])
    sys.stdout.write(READY + "\n")
    sys.stdout.flush()
    job = read_header()
    if job is None:
        return
    mode, cpu_seconds, file_bytes, check, entry = job
    if mode == "probe":
        probe()
        return
    if mode == "fontcache":
        os.environ["MPLCONFIGDIR"] = WORK + "/mpl"
        preload(["matplotlib.font_manager"])
        return
    limit_resources(int(cpu_seconds), int(file_bytes))
    if check == "1" and not check_requirements():
        return
    if mode == "interact":
        interactive_stdin()
    friendly_input()
    watch_plots()
    run(entry)


if __name__ == "__main__":
    main()
