"""Turns a Gatling run (its js/stats.json) and the server-side figures into Markdown for RESULTS.md.

Usage: load-report.py STATS COUNTS SERVER_CPU_MS MACHINE_CPU_MS SECONDS MEMBERS LEDGER [NOTES]
  COUNTS: the simulation's counts (key=value lines); LEDGER: "engine state verdict count" lines.
"""
import html
import os
import re
import sys


def gatling_errors(console_file):
    """The last "---- Errors" block of Gatling's console output: (message, count, share) lines."""
    try:
        text = open(console_file, encoding="utf-8", errors="replace").read()
    except OSError:
        return []
    blocks = text.split("---- Errors ")
    if len(blocks) < 2:
        return []
    errors = []
    for line in blocks[-1].splitlines()[1:]:
        m = re.match(r"> (.*?)\s+(\d[\d,]*)\s+\(\s*([\d.]+)%\)\s*$", line)
        if not m:
            break
        errors.append((m.group(1).strip(), int(m.group(2).replace(",", "")), m.group(3)))
    return errors


def gatling_rows(report_dir):
    """(name, {column: value}) for each row of the statistics table of Gatling's index.html.

    Gatling 3.15 writes its figures only into the HTML report (no stats.json): columns col-2..col-14
    are total, OK, KO, % KO, count per second, min, p50, p75, p95, p99, max, mean, std dev."""
    page = open(report_dir + "/index.html", encoding="utf-8").read()
    names = ["total", "ok", "ko", "ko_pct", "rps", "min", "p50", "p75", "p95", "p99", "max", "mean", "std"]
    rows = []
    for tr in re.findall(r"<tr id=\"[^\"]+\"[^>]*>(.*?)</tr>", page, re.S):
        name = re.search(r'class="ellipsed-name">([^<]*)<', tr)
        values = dict(re.findall(r'<td class="value [a-z]+ col-(\d+)">([^<]*)</td>', tr))
        if not name or "2" not in values:
            continue
        row = {}
        for i, key in enumerate(names):
            v = values.get(str(i + 2), "0").replace(",", "")
            row[key] = float(v) if v not in ("-", "") else 0.0
        rows.append((html.unescape(name.group(1)), row))
    return rows


def main(report_dir, counts_file, server_cpu_ms, machine_cpu_ms, seconds, members, ledger, notes=""):
    counts = dict(line.split("=", 1) for line in open(counts_file).read().split() if "=" in line)
    counts = {k: int(v) for k, v in counts.items()}
    server_cpu_ms, machine_cpu_ms, seconds = float(server_cpu_ms), float(machine_cpu_ms), float(seconds)

    rows = gatling_rows(report_dir)
    out = []
    out.append("| request kind | count | OK | KO | req/s | p50 ms | p95 ms | p99 ms | max ms |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    total = None
    for name, r in rows:
        if name == "All Requests":
            total = r
            continue
        out.append("| %s | %d | %d | %d | %.2f | %d | %d | %d | %d |" % (
            name, r["total"], r["ok"], r["ko"], r["rps"], r["p50"], r["p95"], r["p99"], r["max"]))
    out.append("| **all requests** | %d | %d | %d | %.2f | %d | %d | %d | %d |" % (
        total["total"], total["ok"], total["ko"], total["rps"], total["p50"], total["p95"], total["p99"], total["max"]))

    ledger_rows = [line.split() for line in ledger.strip().splitlines() if line.strip()]
    by_engine = {}
    for engine, state, verdict, n in ledger_rows:
        by_engine.setdefault(engine, 0)
        by_engine[engine] += int(n)
    # From Gatling's own tallies, which count each answer: "server run" OK is a 202 (accepted);
    # a KO "found 200" is a run refused at admission (no slot free), recorded in the ledger as REFUSED.
    # The abusive visitors' answers come from the simulation (one request each). 429s are not recorded.
    by_name = dict(rows)
    errors = gatling_errors(os.path.join(os.path.dirname(counts_file), "gatling.out"))
    busy = sum(n for message, n, share in errors if message == "status.find.is(202), found 200")
    accepted = int(by_name.get("server run", {}).get("ok", 0)) + counts.get("abusive.accepted", 0)
    decisions = int(by_name.get("browser decision", {}).get("ok", 0))
    reported = int(by_name.get("browser report", {}).get("ok", 0))
    server_ledger = sum(v for k, v in by_engine.items() if k != "browser")
    refused_ledger = sum(int(n) for engine, state, verdict, n in ledger_rows
                         if engine != "browser" and verdict == "REFUSED")
    browser_ledger = by_engine.get("browser", 0)
    ko = total["ko"]
    out.append("")
    out.append("- setup: %s member%s on PostgreSQL%s; %d s from the first arrival to the last answer" % (
        members, "" if str(members) == "1" else "s", "" if str(members) == "1" else " behind HAProxy", seconds))
    out.append("- throughput: %.1f requests/s over the whole run (%d requests); %d server runs accepted "
               "(%.2f/s), %d browser runs decided" % (
                   total["total"] / seconds, total["total"], accepted, accepted / seconds, decisions))
    out.append("- errors: %d KO in Gatling; the abusive visitors got %d × 429 (expected) and %d runs admitted "
               "before their address's budget was used up" % (
                   ko, counts.get("abusive.refused", 0), counts.get("abusive.accepted", 0)))
    out.append("- server CPU: %.0f ms over the run, %.1f ms per accepted server run, %.1f ms per request "
               "(utime+stime of the member JVMs; the sandboxes' own CPU is not in it); whole machine "
               "%.0f%% busy of %d cores" % (
                   server_cpu_ms, server_cpu_ms / max(accepted, 1), server_cpu_ms / max(total["total"], 1),
                   100.0 * machine_cpu_ms / (seconds * 1000 * 2), 2))
    expected = accepted + busy
    # An abusive visitor's run that Gatling gave up on (60 s) was answered too late to be counted.
    unanswered = int(by_name.get("abusive server run", {}).get("ko", 0))
    if server_ledger == expected:
        verdict = "equal"
    elif expected <= server_ledger <= expected + unanswered:
        verdict = "equal within the %d abusive runs whose answer Gatling stopped waiting for" % unanswered
    else:
        verdict = "NOT equal"
    out.append("- ledger: %d server-run records against %d runs answered as accepted (202, or the abusive "
               "visitors' 200) plus %d refused at admission (200 with REFUSED): %s; of the records %d are "
               "REFUSED (at admission, or after waiting longer than the tier's queue limit); %d browser-run "
               "records against %d browser decisions (%d reports)" % (
                   server_ledger, accepted, busy, verdict, refused_ledger, browser_ledger, decisions, reported))
    if errors:
        out.append("")
        out.append("Gatling's KOs by cause:")
        out.append("")
        out.append("| cause | count | share of KOs |")
        out.append("|---|---|---|")
        for message, n, share in errors:
            out.append("| %s | %d | %s%% |" % (message.replace("|", "/"), n, share))
    out.append("")
    out.append("Ledger by engine, state and verdict:")
    out.append("")
    out.append("| engine | state | verdict | records |")
    out.append("|---|---|---|---|")
    for engine, state, verdict_, n in ledger_rows:
        out.append("| %s | %s | %s | %s |" % (engine, state, verdict_, n))
    if notes:
        out.append("")
        out.append(notes)
    print("\n".join(out))


if __name__ == "__main__":
    main(*sys.argv[1:])
