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
import sys
from pathlib import Path

import checks
from check_context import TEXTS_ENV, context, texts_folder
from frictionless_report import frictionless_problems
from package_layout import ROOT
from problems import PackageError, Problem, sorted_problems

TEXTS_NOT_GIVEN = (f"note: quotes were not compared with the primary texts (give --texts DIR or set {TEXTS_ENV}); "
                   "every other check ran")


def validate(pkg_dir: Path, texts_dir: Path | None = None, use_frictionless: bool = True) -> list[Problem]:
    """Every problem of the package, sorted by file, row and field."""
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
        problems += frictionless_problems(pkg_dir, schemas, unreadable, misaligned)
    return sorted_problems(problems)


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="validate.py", description="Validate a copy of the package.")
    parser.add_argument("package", nargs="?", default=str(ROOT), help="package directory (default: this repository)")
    parser.add_argument("--texts", metavar="DIR", help=f"folder of the primary texts (default: ${TEXTS_ENV})")
    parser.add_argument("--no-frictionless", action="store_true", help="run only the package's own checks")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = arguments(argv[1:])
    pkg_dir, texts_dir = Path(args.package), texts_folder(args.texts)
    problems = validate(pkg_dir, texts_dir, not args.no_frictionless)
    for p in problems:
        print(p)
    if texts_dir is None:
        print(TEXTS_NOT_GIVEN, file=sys.stderr)
    if problems:
        print(f"invalid: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"valid: {pkg_dir.resolve().name}" + (f" (quotes compared with the primary texts in {texts_dir})" if texts_dir else ""))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except KeyboardInterrupt:
        sys.exit(130)
