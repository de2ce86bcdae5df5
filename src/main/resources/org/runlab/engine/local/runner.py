"""Runs one learner program inside a one-shot sandbox; started by the local engine.

Imports the modules named on the command line (the warm pool's preload), says it is ready, then
reads one job header line from stdin and runs the job. Whatever follows the header on stdin is
the program's own stdin. The process is never reused: it exits when the program does.
"""
import json
import os
import resource
import runpy
import sys
import traceback

READY = "\x1erunlab ready"
REQUIREMENTS = "\x1erunlab requirements"
END = "\x1erunlab end"
WORK = "/work"


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
            return json.loads(line.decode("utf-8")) if line else None
        line += b


def limit_resources(job):
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime)
    soft = used + max(1, int(job["cpu_seconds"]))
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard - 1)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))
    size = int(job["file_bytes"])
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def check_requirements():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import reqcheck

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
    tb = exc.__traceback__
    own = {__file__, runpy.__file__, "<frozen runpy>"}
    while tb is not None and tb.tb_frame.f_code.co_filename in own:
        tb = tb.tb_next
    traceback.print_exception(type(exc), exc, tb)


def run(job):
    entry = job["entry"]
    os.chdir(WORK)
    sys.path[0] = WORK
    sys.argv = [entry]
    try:
        runpy.run_path(os.path.join(WORK, entry), run_name="__main__")
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - report like the interpreter would
        learner_traceback(exc)
        sys.stderr.flush()
        sys.exit(130 if isinstance(exc, KeyboardInterrupt) else 1)


def main():
    preload(sys.argv[1:])
    sys.stdout.write(READY + "\n")
    sys.stdout.flush()
    job = read_header()
    if job is None:
        return
    if job.get("mode") == "probe":
        probe()
        return
    limit_resources(job)
    if job.get("check_requirements") and not check_requirements():
        return
    run(job)


if __name__ == "__main__":
    main()
