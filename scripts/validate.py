"""Validate a copy of the package: the package's own checks, then frictionless.

In: a package directory (default: this repository) and, optionally, the folder holding the full
texts of the primary documents (--texts DIR, or the environment variable ASEANAPOL_SEEDS); with
them every quote is compared with the text whose SHA-256 is recorded in data/sources.csv.
Out: one line per problem (file, row, field, value found, what was expected) and exit 1 if there
is any; "valid: ..." and exit 0 otherwise. Without the texts, one line says that quotes were not
compared with them (information, not a failure). No tracebacks.
Usage: python scripts/validate.py [PACKAGE_DIR] [--texts DIR] [--no-frictionless]
"""
from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path

import checks
from check_context import TEXTS_ENV, context, texts_folder
from frictionless_report import frictionless_problems
from package_layout import ROOT
from problems import PackageError, Problem, sorted_problems
from step_memo import StepMemo

TEXTS_NOT_GIVEN = (f"note: quotes were not compared with the primary texts (give --texts DIR or set {TEXTS_ENV}); "
                   "every other check ran")


def validate(pkg_dir: Path, texts_dir: Path | None = None, use_frictionless: bool = True,
             memo: StepMemo | None = None) -> list[Problem]:
    """Every problem of the package, sorted by file, row and field. With a memo, frictionless's
    findings are remembered by the bytes it reads (descriptor, schemas, CSVs)."""
    try:
        ctx = context(pkg_dir, texts_dir)
    except PackageError as exc:
        return exc.problems
    gc.disable()  # many short-lived objects: collection passes would cost more than they free
    try:
        problems = checks.run(ctx, checks.SOURCE_CHECKS + checks.DERIVED_CHECKS)
    finally:
        gc.enable()
    if use_frictionless:
        unreadable = {t.file for t in ctx.tables.values() if not t.readable}
        misaligned = {(t.file, row) for t in ctx.tables.values() for row in t.misaligned}
        schemas = {name: t.schema for name, t in ctx.tables.items()}
        problems += remembered_frictionless(ctx, memo or StepMemo(None), schemas, unreadable, misaligned)
    return sorted_problems(problems)


def remembered_frictionless(ctx, memo: StepMemo, schemas: dict, unreadable: set, misaligned: set) -> list[Problem]:
    """frictionless's problems, from the memo when it has seen exactly these bytes before."""
    parts = [(ctx.pkg_dir / "datapackage.json").read_bytes(), json.dumps([sorted(unreadable), sorted(misaligned)]).encode()]
    for t in ctx.tables.values():
        schema_ref = t.resource.get("schema")
        parts += [t.file.encode(), t.path.read_bytes() if t.path.is_file() else b"",
                  (ctx.pkg_dir / schema_ref).read_bytes() if isinstance(schema_ref, str) else json.dumps(schema_ref).encode()]
    key = memo.key("frictionless", parts, ("frictionless",))
    remembered = memo.get(key)
    if remembered is not None:
        return [Problem(*fields) for fields in remembered]
    problems = frictionless_problems(ctx.pkg_dir, schemas, unreadable, misaligned)
    memo.put(key, [[p.file, p.row, p.field, p.value, p.expected] for p in problems])
    return problems


def report(problems: list[Problem], pkg_dir: Path, texts_dir: Path | None) -> int:
    """Print the validator's verdict (one line per problem, or 'valid: ...'); the exit status."""
    for p in problems:
        print(p)
    if texts_dir is None:
        print(TEXTS_NOT_GIVEN, file=sys.stderr)
    if problems:
        print(f"invalid: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"valid: {pkg_dir.resolve().name}" + (f" (quotes compared with the primary texts in {texts_dir})" if texts_dir else ""))
    return 0


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="validate.py", description="Validate a copy of the package.")
    parser.add_argument("package", nargs="?", default=str(ROOT), help="package directory (default: this repository)")
    parser.add_argument("--texts", metavar="DIR", help=f"folder of the primary texts (default: ${TEXTS_ENV})")
    parser.add_argument("--no-frictionless", action="store_true", help="run only the package's own checks")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = arguments(argv[1:])
    pkg_dir, texts_dir = Path(args.package), texts_folder(args.texts)
    return report(validate(pkg_dir, texts_dir, not args.no_frictionless), pkg_dir, texts_dir)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except KeyboardInterrupt:
        sys.exit(130)
