"""Validate a copy of the package: frictionless, then the package's own checks.

In: a package directory (default: this repository), and the primary texts in ../shared/seeds
(or $ASEANAPOL_SEEDS) when present. Out: one line per problem (file, row, field, value found,
what was expected) and exit 1 if there is any; "valid: ..." and exit 0 otherwise. No tracebacks.
Usage: python scripts/validate.py [PACKAGE_DIR] [--no-frictionless]
"""
from __future__ import annotations

import gc
import re
import sys
from pathlib import Path

import checks
from pkglib import ROOT, PackageError, Problem

# frictionless errors that the package's own checks report with a clearer message
COVERED = {"hash-count", "byte-count", "extra-cell", "missing-cell", "blank-label", "duplicate-label",
           "extra-label", "missing-label", "incorrect-label", "source-error", "encoding-error", "scheme-error"}


def expectation(error, resource_name: str) -> str:
    """What frictionless expected, in plain words."""
    note = getattr(error, "note", "") or error.message
    if error.type == "foreign-key":
        target = getattr(error, "reference_name", "") or resource_name
        fields = ", ".join(getattr(error, "reference_field_names", []) or [])
        return f"an id that exists in {target}.{fields}"
    if error.type == "primary-key":
        return f"a unique id ({note})"
    if error.type == "type-error":
        match = re.search(r'type is "(\w+)', note)
        return f"a value of type {match.group(1) if match else note}"
    if error.type == "constraint-error":
        match = re.match(r'constraint "(\w+)" is "(.*)"$', note)
        if match:
            kind, detail = match.groups()
            return {"required": "a value (the field is required)",
                    "enum": f"one of {detail}",
                    "pattern": f"text matching {detail}",
                    "maxLength": f"at most {detail} characters"}.get(kind, note)
    return note


def frictionless_problems(pkg_dir: Path, skip_files: set[str], skip_rows: set[tuple[str, int]]) -> list[Problem]:
    """Problems frictionless finds (keys, foreign keys, enums, patterns, types), as Problems."""
    from frictionless import FrictionlessException, Package, system  # imported late: slow to load

    try:
        with system.use_context(trusted=False):
            report = Package(str(pkg_dir / "datapackage.json")).validate()
    except FrictionlessException as exc:
        return [Problem("datapackage.json", value=exc.error.type, expected=exc.error.note or exc.error.message)]
    out = [Problem("datapackage.json", value=e.type, expected=e.note or e.message) for e in report.errors]
    for task in report.tasks:
        if task.place in skip_files:
            continue
        for e in task.errors:
            if e.type in COVERED or (task.place, getattr(e, "row_number", 0)) in skip_rows:
                continue
            field = getattr(e, "field_name", "") or ",".join(getattr(e, "field_names", []) or [])
            value = getattr(e, "cell", None)
            if value is None and getattr(e, "field_cells", None):
                value = ",".join(e.field_cells)
            out.append(Problem(task.place, getattr(e, "row_number", 0) or 0, field, value, expectation(e, task.name)))
    return out


def validate(pkg_dir: Path, use_frictionless: bool = True) -> list[Problem]:
    try:
        ctx = checks.context(pkg_dir)
    except PackageError as exc:
        return exc.problems
    gc.disable()  # millions of short-lived cells: collection passes would cost more than they free
    try:
        problems = checks.run(ctx, checks.SOURCE_CHECKS + checks.DERIVED_CHECKS)
    finally:
        gc.enable()
    if use_frictionless:
        broken = {t.file for t in ctx.tables.values() if not t.readable}
        misaligned = {(p.file, p.row) for p in problems if p.expected.endswith("(is a comma unquoted?)")}
        problems += frictionless_problems(pkg_dir, broken, misaligned)
    return sorted(set(problems), key=lambda p: (p.file, p.row, p.field, str(p.value), p.expected))


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    pkg_dir = Path(args[0]) if args else ROOT
    problems = validate(pkg_dir, "--no-frictionless" not in argv)
    for p in problems:
        print(p)
    if problems:
        print(f"invalid: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    seeds = checks.find_seeds(pkg_dir)
    print(f"valid: {pkg_dir.resolve().name}" + ("" if seeds else " (primary texts not found: quotes not checked against them)"))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except KeyboardInterrupt:
        sys.exit(130)
