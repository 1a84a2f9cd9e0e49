"""Benchmark the package's own checks against bare frictionless on synthetic copies of the package
(a benchmark, not a test).

In: sizes (events to add; default 10000 100000 1000000) and --runs (default 5; at least 3 from
1,000,000 events). Each synthetic copy is the package plus N events (parts of its event with the most
parts) and N claims (one per event, citing its first source that is not a primary document), values made from the schemas' constraints, built (Parquet, descriptor)
once. Then, interleaved run by run, two whole processes are timed: the package's own checks
(the validator script given, `PKG --no-frictionless`) and bare frictionless (`frictionless validate datapackage.json`,
the command a user runs). The timed processes are started by a small launcher process, started
before any data is made, and their peak resident memory is read from the kernel (wait4): a process
forked from the benchmark itself would report the benchmark's own memory as its peak (Linux keeps
the high-water mark across fork and exec).
Out: a table on stdout, or with --json one JSON object per size: events, rows, runs, and for each
figure its median, min and max: own_checks_s, frictionless_s, ratio (own / frictionless, pair by
pair), own_rows_per_s, peak_rss_gib (of the own-checks process), frictionless_peak_rss_gib; build_s.
With --report FILE (JSON lines as --json prints them): the Markdown table of BENCHMARKS.md.
"""
from __future__ import annotations

import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from event_timeline.pipeline import plan as build
from event_timeline.model.claim_identity import claim_id
from event_timeline.model.descriptor import load_tables
from event_timeline.model.event_tree import main_event
from event_timeline.files import commit_files, json_bytes
from event_timeline.problems import PackageError
from event_timeline.model.table_schema import is_required

GIB = 1024 ** 3


def synthetic_value(field: dict, i: int, parent: dict) -> str:
    """A value for row i that satisfies the field's schema constraints; dates, country and time zone are
    its parent event's, so that the part lies inside it."""
    name, constraints = field["name"], field.get("constraints") or {}
    if field.get("x-parts-of") or field.get("x-given-with"):
        return ""  # which parts of a date were inferred (none: synthetic dates are not inferred); a number in a series (none)
    if constraints.get("enum"):
        return constraints["enum"][0]
    if field.get("x-check") in ("partial-date", "country", "timezone"):
        return parent.get(name, "")
    if field.get("type") == "boolean":
        return "false"
    if name == "start_time":
        return f"{10 + i % 8:02d}:00"
    pattern = constraints.get("pattern", "")
    if pattern.startswith("^evt-"):
        return f"evt-synthetic-{i}"
    if pattern:
        return ""  # references other than events, and other patterned optional fields, are left empty
    return f"Synthetic {name} {i}" if is_required(field) or i % 2 else ""


def write_synthetic(target: Path, n: int, source_pkg: Path) -> None:
    """A copy of the package in source_pkg, in target, plus n synthetic events and their claims."""
    shutil.copytree(source_pkg / "schemas", target / "schemas")
    shutil.copytree(source_pkg / "data", target / "data", ignore=shutil.ignore_patterns("parquet", "exports"))
    descriptor = json.loads((source_pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r.get("type") == "table"]
    (target / "datapackage.json").write_bytes(json_bytes(descriptor))
    _, tables = load_tables(target)
    parent, source = anchors(tables)
    fields = tables["events"].schema["fields"]
    with open(target / "data" / "events.csv", encoding="utf-8", newline="") as fh:
        parent_row = next(r for r in csv.DictReader(fh) if r["event_id"] == parent)
    with open(target / "data" / "events.csv", "a", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        for i in range(n):
            row = {f["name"]: synthetic_value(f, i, parent_row) for f in fields}
            row["parent_event_id"] = parent
            row["end"] = row["start"]
            w.writerow(row.values())
    claim_fields = [f["name"] for f in tables["claims"].schema["fields"]]
    with open(target / "data" / "claims.csv", "a", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        for i in range(n):
            claim = synthetic_claim(f"evt-synthetic-{i}", source)
            w.writerow([claim.get(name, "") for name in claim_fields])


def anchors(tables: dict) -> tuple[str, str]:
    """The event with the most parts (synthetic events become parts of it) and the first source that is
    not a primary document (their claims cite it), read from the package's CSVs."""
    with open(tables["events"].path, encoding="utf-8", newline="") as fh:
        parent = main_event(list(csv.DictReader(fh)))
    with open(tables["sources"].path, encoding="utf-8", newline="") as fh:
        source = next(r["source_id"] for r in csv.DictReader(fh) if r["source_role"] != "primary")
    return parent, source


def synthetic_claim(record_id: str, source: str) -> dict:
    """The claim that cites a synthetic event's existence to a source (fields by name)."""
    return {"claim_id": claim_id("events", record_id, "record", "", source), "resource": "events",
            "record_id": record_id, "property": "record", "source_id": source, "rank": "preferred",
            "quote": "Synthetic words of the source", "locator": "paragraph 1", "basis": "stated"}


def rows_in(pkg: Path) -> int:
    _, tables = load_tables(pkg)
    return sum(sum(1 for _ in open(t.path, encoding="utf-8")) - 1 for t in tables.values())


LAUNCHER = """
import json, os, sys, time
for line in sys.stdin:
    command = json.loads(line)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        try:
            os.execv(command[0], command)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    print(json.dumps([time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]), flush=True)
"""


class Launcher:
    """A small process that runs one command at a time and reports its wall seconds, peak resident
    memory (GiB) and exit status."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-I", "-S", "-c", LAUNCHER], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)

    def measured(self, command: list[str]) -> tuple[float, float, int]:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        seconds, maxrss_kib, status = json.loads(self.process.stdout.readline())
        return seconds, maxrss_kib * 1024 / GIB, status


def spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def bench_size(n: int, runs: int, launcher: Launcher, source_pkg: Path, validator: Path) -> dict:
    frictionless_cli = str(Path(sys.executable).parent / "frictionless")
    with tempfile.TemporaryDirectory() as tmp:
        pkg = Path(tmp) / "pkg"
        write_synthetic(pkg, n, source_pkg)
        start = time.perf_counter()
        try:
            commit_files(build.plan(pkg, with_exports=False))
        except PackageError as exc:
            first = "\n".join(str(p) for p in exc.problems[:5])
            raise SystemExit(f"bench: the synthetic package of {n} events does not build ({len(exc.problems):,} "
                             f"problem(s)); the first:\n{first}\nMake write_synthetic follow the schemas.") from None
        build_s = time.perf_counter() - start
        rows = rows_in(pkg)
        own_cmd = [sys.executable, str(validator), str(pkg), "--no-frictionless"]
        fl_cmd = [frictionless_cli, "validate", str(pkg / "datapackage.json")]
        own, fl, own_rss, fl_rss = [], [], [], []
        for _ in range(runs):  # interleaved: A B A B ..., so a drift in the machine's speed hits both
            seconds, rss, status = launcher.measured(own_cmd)
            if status != 0:
                raise SystemExit(f"bench: the synthetic package of {n} events fails the own checks (exit {status})")
            own.append(seconds)
            own_rss.append(rss)
            seconds, rss, status = launcher.measured(fl_cmd)
            if status != 0:
                raise SystemExit(f"bench: frictionless finds the synthetic package of {n} events invalid (exit {status})")
            fl.append(seconds)
            fl_rss.append(rss)
    return {"events": n, "rows": rows, "runs": runs, "build_s": build_s,
            "own_checks_s": spread(own), "frictionless_s": spread(fl),
            "ratio": spread([a / b for a, b in zip(own, fl)]),
            "own_rows_per_s": spread([rows / s for s in own]),
            "peak_rss_gib": spread(own_rss), "frictionless_peak_rss_gib": spread(fl_rss)}


def machine() -> dict:
    import frictionless
    import pyarrow
    return {"python": platform.python_version(), "frictionless": frictionless.__version__, "pyarrow": pyarrow.__version__,
            "cpus": os.cpu_count(), "machine": platform.machine(), "system": platform.system()}


def report(lines: list[str]) -> str:
    """The Markdown table of recorded results: medians with their min-max."""
    def cell(figure: dict, digits: int = 2, scale: float = 1.0) -> str:
        return (f"{figure['median'] * scale:,.{digits}f} ({figure['min'] * scale:,.{digits}f}–"
                f"{figure['max'] * scale:,.{digits}f})")
    out = ["| events | rows | runs | own checks s | bare frictionless s | own / frictionless | own rows/s | own peak GiB | frictionless peak GiB |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for line in lines:
        r = json.loads(line)
        out.append(f"| {r['events']:,} | {r['rows']:,} | {r['runs']} | {cell(r['own_checks_s'])} | {cell(r['frictionless_s'], 1)} | "
                   f"{cell(r['ratio'], 3)} | {cell(r['own_rows_per_s'], 0)} | {cell(r['peak_rss_gib'])} | "
                   f"{cell(r['frictionless_peak_rss_gib'])} |")
    return "\n".join(out) + "\n"


def run(pkg_dir: Path, validator: Path, sizes: list[int], runs: int = 5, as_json: bool = False,
        results: Path | None = None) -> int:
    """Benchmark the package in pkg_dir at each size with the validator script given, printing a table (or
    JSON lines); with results, print instead the Markdown table of those recorded results. The exit
    status. What scripts/bench.py runs."""
    if results:
        if not results.is_file():
            print(f"bench: {results}: expected the results file (JSON lines that bench.py --json printed)", file=sys.stderr)
            return 1
        print(report(results.read_text(encoding="utf-8").splitlines()), end="")
        return 0
    launcher = Launcher()  # before any data is made: see the docstring
    if not as_json:
        print(json.dumps(machine()))
        print(f"{'events':>9} {'rows':>9} {'own s (min-max)':>22} {'frictionless s (min-max)':>26} {'own/fl':>7} {'own rows/s':>11} {'own peak GiB':>13}")
    for n in sizes:
        result = bench_size(n, max(runs, 3), launcher, pkg_dir, validator)
        if as_json:
            print(json.dumps({**result, "machine": machine()}), flush=True)
            continue
        o, f, r = result["own_checks_s"], result["frictionless_s"], result["ratio"]
        print(f"{n:>9} {result['rows']:>9} {o['median']:>8.2f} ({o['min']:.2f}-{o['max']:.2f}) "
              f"{f['median']:>12.2f} ({f['min']:.2f}-{f['max']:.2f}) {r['median']:>7.3f} "
              f"{result['own_rows_per_s']['median']:>11,.0f} {result['peak_rss_gib']['median']:>13.2f}", flush=True)
    return 0
