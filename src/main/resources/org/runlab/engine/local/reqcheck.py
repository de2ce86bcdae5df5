"""Checks a requirements.txt offline against what this Python has installed, line by line.

Returns one plain message per unmet line; an empty list means every line is satisfied. Nothing
is ever installed: URL, editable, index and other pip-option lines are refused.
"""
import importlib.metadata as metadata
import re

from packaging.requirements import InvalidRequirement, Requirement
from packaging.version import InvalidVersion, Version

DEBIAN_NAMES = {
    "scikit-learn": "python3-sklearn",
    "sklearn": "python3-sklearn",
    "beautifulsoup4": "python3-bs4",
    "pyyaml": "python3-yaml",
    "pillow": "python3-pil",
    "opencv-python": "python3-opencv",
}
UNKNOWN_VERSION = Version("0.0.0")  # what Debian reports for some packages (mpmath, kiwisolver)


def _strip_comment(line):
    return re.split(r"(^|\s)#", line, maxsplit=1)[0].strip()


def _check_line(number, line):
    where = f"requirements.txt line {number}"
    if line.startswith(("-e", "--editable")):
        return f"{where}: editable installs ('{line}') are not supported; list the package by name"
    if line.startswith("-"):
        option = line.split()[0]
        return f"{where}: pip options such as '{option}' are not supported on this server"
    if "://" in line or line.startswith(("git+", "hg+", "svn+", "bzr+")) or " @ " in line:
        return f"{where}: installing from a URL ('{line}') is not supported; list the package by name"
    try:
        req = Requirement(line)
    except InvalidRequirement:
        return f"{where}: '{line}' is not a valid requirement"
    if req.marker is not None and not req.marker.evaluate():
        return None
    try:
        installed = metadata.version(req.name)
    except metadata.PackageNotFoundError:
        hint = DEBIAN_NAMES.get(req.name.lower())
        extra = f" (Debian package {hint})" if hint else ""
        return f"{req.name} is not available on this server{extra}"
    if not req.specifier:
        return None
    try:
        version = Version(installed)
    except InvalidVersion:
        return None
    if version == UNKNOWN_VERSION or req.specifier.contains(version, prereleases=True):
        return None
    return f"{req.name} {installed} is installed, but {req.specifier} was requested"


def check(text):
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw)
        if line:
            problem = _check_line(number, line)
            if problem:
                problems.append(problem)
    return problems
