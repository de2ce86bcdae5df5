"""Runs one learner program inside a one-shot sandbox; started by the local engine.

Started as `python3 -I -S -u -B -c 'import sys; sys.path[:0] = ["/opt/runlab"]; import runner;
runner.main()' [module...]` (imported rather than run as a script, so that the byte code the engine
compiled at start is used): imports the modules named (the warm pool's preload), says it is ready, then reads one job header line from stdin and runs the job. Whatever
follows the header on stdin is the program's own stdin. The process is never reused.
Header: mode, CPU seconds, file-size bytes, check-requirements (0/1), entry path; tab-separated.
It imports as little as it can before the job: every millisecond here is paid by every run.
"""
import atexit
import os
import resource
import sys

READY = "\x1erunlab ready"
REQUIREMENTS = "\x1erunlab requirements"
END = "\x1erunlab end"
WORK = "/work"
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
    import traceback

    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    traceback.print_exception(type(exc), exc, tb)


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
    sys.path.extend(p for p in SITE if p not in sys.path)
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
    run(entry)


if __name__ == "__main__":
    main()
