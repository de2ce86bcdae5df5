"""A tiny Jupyter-like kernel for the fake E2B: one code cell per stdin line (JSON), events out as NDJSON.

State (globals) survives between cells, like a Jupyter context. Protocol output goes to a private
copy of fd 1; fd 1 itself is pointed at stderr so stray fd-level writes cannot corrupt the stream.
"""
import ast
import base64
import datetime
import io
import json
import os
import sys
import traceback

os.environ.setdefault("MPLBACKEND", "Agg")
if os.environ.get("PYTHONUSERBASE"):
    # What pip installs lands in the sandbox's user site; Python adds that directory at start only
    # when it exists, so make it now, as a template's site-packages always exists.
    import site
    os.makedirs(site.getusersitepackages(), exist_ok=True)
    if site.getusersitepackages() not in sys.path:
        site.addsitedir(site.getusersitepackages())


def _egress_hook(rules_file):
    """Refuses outbound connections the sandbox's egress rules deny, as E2B's firewall does.

    The fake writes the rules (allowOut wins over denyOut) to rules_file at create and on every
    network update; loopback stays reachable, since the fake itself lives there.
    """
    import ipaddress

    def rule_net(rule):
        try:
            return ipaddress.ip_network(rule.split(":")[0], strict=False)
        except ValueError:
            return None  # a domain: matched by the fake's own services, not by address

    def hook(event, args):
        if event != "socket.connect" or not isinstance(args[1], tuple) or not args[1]:
            return
        try:
            ip = ipaddress.ip_address(str(args[1][0]))
        except ValueError:
            return
        if ip.is_loopback:
            return
        try:
            with open(rules_file) as f:
                rules = json.load(f)
        except (OSError, ValueError):
            return
        if any(n is not None and ip in n for n in map(rule_net, rules.get("allowOut", []))):
            return
        if any(n is not None and ip in n for n in map(rule_net, rules.get("denyOut", []))):
            raise ConnectionRefusedError(111, "Connection refused by the sandbox's egress rules (fake E2B)")

    sys.addaudithook(hook)


if os.environ.get("FAKE_E2B_NETWORK"):
    _egress_hook(os.environ["FAKE_E2B_NETWORK"])
_proto = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
os.dup2(2, 1)
_count = 0


def _emit(event):
    _proto.write(json.dumps(event) + "\n")
    _proto.flush()


def _now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


class _Stream(io.TextIOBase):
    def __init__(self, kind):
        self.kind = kind

    def writable(self):
        return True

    def write(self, text):
        if text:
            _emit({"type": self.kind, "text": text, "timestamp": _now()})
        return len(text)


def _text_of(value):
    text = repr(value)
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return text


def _figures():
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is None:
        return
    for num in plt.get_fignums():
        fig = plt.figure(num)
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        w, h = fig.get_size_inches() * fig.dpi
        _emit({"type": "result", "text": "<Figure size %dx%d with %d Axes>" % (w, h, len(fig.axes)),
               "png": base64.b64encode(buf.getvalue()).decode("ascii"), "extra": {},
               "is_main_result": False})
    plt.close("all")


def _run(code, scope):
    global _count
    _count += 1
    _emit({"type": "number_of_executions", "execution_count": _count})
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream("stdout"), _Stream("stderr")
    try:
        tree = ast.parse(code, "<cell>", "exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, "Cell In[%d]" % _count, "exec"), scope)
        value = eval(compile(last, "Cell In[%d]" % _count, "eval"), scope) if last else None
        sys.stdout.flush()
        _figures()
        if value is not None:
            event = {"type": "result", "text": _text_of(value), "extra": {}, "is_main_result": True}
            if isinstance(value, (list, dict)):
                try:
                    event["json"] = json.loads(json.dumps(value))
                except (TypeError, ValueError):
                    pass
            _emit(event)
    except BaseException as e:  # the learner's error, SystemExit and KeyboardInterrupt alike
        tb = e.__traceback__.tb_next if e.__traceback__ is not None else None
        text = "".join(traceback.format_exception(type(e), e, tb))
        _emit({"type": "error", "name": type(e).__name__, "value": str(e), "traceback": text})
    finally:
        sys.stdout, sys.stderr = old
    _emit({"type": "end_of_execution"})


def main():
    scope = {"__name__": "__main__"}
    for line in sys.stdin:
        if line.strip():
            try:
                _run(json.loads(line)["code"], scope)
            except KeyboardInterrupt:
                _emit({"type": "end_of_execution"})


if __name__ == "__main__":
    main()
