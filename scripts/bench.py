"""Benchmark build and validation on synthetic copies of the package (a benchmark, not a test).

In: the real descriptor and schemas; sizes as arguments (default 1000 10000 100000 1000000 event rows).
Out: a table on stdout: seconds for the build (Parquet and descriptor), the extra seconds the
exports add (workbook, figure, TimelineJS; up to 100,000 events), seconds and rows per second for
the package's own checks and for bare frictionless validation of the same files, and the ratio
own/frictionless. Validation times are the best of 3 runs up to 100,000 events, else of 1.
Each synthetic copy is the real package plus N events (parts of the conference) and N claims
(one per event). Values are made from the schemas' constraints.
Usage: python scripts/bench.py [N ...]
"""
from __future__ import annotations

import csv
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import build
import validate
from claim_identity import claim_id
from descriptor import load_tables
from output_files import commit_files, json_bytes
from package_layout import ROOT
from table_schema import is_required

SOURCE = "src-nation-2025-11-11"  # a corroborating source: its claims carry no quote
PARENT = "evt-43rd-aseanapol-conference"  # synthetic events are parts of the conference


def synthetic_value(field: dict, i: int) -> str:
    """A value for row i that satisfies the field's schema constraints."""
    name, constraints = field["name"], field.get("constraints") or {}
    if constraints.get("enum"):
        return constraints["enum"][0]
    if field.get("x-check") == "partial-date":
        return f"2025-11-0{3 + i % 5}"
    if field.get("x-check") == "country":
        return "TH"
    if field.get("x-check") == "timezone":
        return "Asia/Bangkok"
    if field.get("type") == "boolean":
        return "false"
    if name == "start_time":
        return f"{10 + i % 8:02d}:00"
    pattern = constraints.get("pattern", "")
    if pattern.startswith("^evt-"):
        return f"evt-synthetic-{i}"
    if pattern.startswith("^") and "-[a-z0-9]+" in pattern:
        return ""  # references other than events are left empty
    return f"Synthetic {name} {i}" if is_required(field) or i % 2 else ""


def write_synthetic(target: Path, n: int) -> None:
    shutil.copytree(ROOT / "schemas", target / "schemas")
    shutil.copytree(ROOT / "data", target / "data", ignore=shutil.ignore_patterns("parquet", "exports"))
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r.get("type") == "table"]
    (target / "datapackage.json").write_bytes(json_bytes(descriptor))
    _, tables = load_tables(target)
    fields = tables["events"]["schema"]["fields"]
    with open(target / "data" / "events.csv", "a", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        for i in range(n):
            row = {f["name"]: synthetic_value(f, i) for f in fields}
            row["parent_event_id"] = PARENT
            row["end"] = row["start"]
            w.writerow(row.values())
    with open(target / "data" / "claims.csv", "a", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        for i in range(n):
            rid = f"evt-synthetic-{i}"
            w.writerow([claim_id("events", rid, "record", "", SOURCE), "events", rid, "record", "", SOURCE, "", "normal", ""])


def timed(fn, repeats: int = 1):
    """Best wall time of `repeats` runs (the usual benchmark figure: least disturbed by the machine)."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def frictionless_only(pkg: Path) -> bool:
    from frictionless import Package
    return Package(str(pkg / "datapackage.json")).validate().valid


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv[1:]] or [1_000, 10_000, 100_000, 1_000_000]
    validate.validate(ROOT, use_frictionless=False)  # warm-up: imports and lookup tables of both sides
    frictionless_only(ROOT)
    print(f"{'events':>9} {'build s':>8} {'exports s':>9} {'own s':>7} {'own rows/s':>11} {'frictionless s':>15} {'fl rows/s':>10} {'own/fl':>7}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            pkg = Path(tmp) / "pkg"
            write_synthetic(pkg, n)
            t_build, _ = timed(lambda: commit_files(build.plan(pkg, with_exports=False)))
            t_exports = timed(lambda: build.plan(pkg))[0] - t_build if n <= 100_000 else float("nan")
            repeats = 3 if n <= 100_000 else 1
            t_own, problems = timed(lambda: validate.validate(pkg, use_frictionless=False), repeats)
            if problems:
                print(f"synthetic package of {n} is invalid: {problems[:3]}", file=sys.stderr)
                return 1
            t_fl, valid = timed(lambda: frictionless_only(pkg), repeats)
            if not valid:
                print(f"frictionless found the synthetic package of {n} invalid", file=sys.stderr)
                return 1
            rows = 2 * n  # synthetic rows; the real package adds about 900 more
            print(f"{n:>9} {t_build:>8.2f} {t_exports:>9.2f} {t_own:>7.2f} {rows / t_own:>11,.0f} {t_fl:>15.2f} {rows / t_fl:>10,.0f} {t_own / t_fl:>7.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process: {peak:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
