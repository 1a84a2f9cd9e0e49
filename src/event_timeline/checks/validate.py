"""Validate a copy of the package: the package's own checks, then frictionless.

In: a package directory (default: this repository) and, optionally, the folder holding the full
texts of the primary documents (--texts DIR, or the environment variable timeline.toml names); with
them every quote is compared with the text whose SHA-256 is recorded in data/sources.csv.
Out: one line per problem (file, row, field, value found, what was expected) and exit 1 if there
is any; "valid: ..." and exit 0 otherwise. Without the texts, one line says that quotes were not
compared with them (information, not a failure). No tracebacks.
Usage: python scripts/validate.py [PACKAGE_DIR] [--texts DIR] [--no-frictionless]
"""
from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

from event_timeline.checks import registry as checks
from event_timeline.checks.context import context, texts_folder
from event_timeline.model import config
from event_timeline.checks.frictionless import frictionless_problems
from event_timeline.problems import PackageError, Problem, sorted_problems
from event_timeline.memo import StepMemo

TEXTS_NOT_GIVEN = "note: quotes were not compared with the primary texts (give --texts DIR{or_set}); every other check ran"


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


def report(problems: list[Problem], pkg_dir: Path, texts_dir: Path | None, texts_variable: str | None = None) -> int:
    """Print the validator's verdict (one line per problem, or 'valid: ...'); the exit status. Without
    the texts, a note names the variable that could give them (texts_variable), if any."""
    for p in problems:
        print(p)
    if texts_dir is None:
        print(TEXTS_NOT_GIVEN.format(or_set=f" or set {texts_variable}" if texts_variable else ""), file=sys.stderr)
    if problems:
        print(f"invalid: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"valid: {pkg_dir.resolve().name}" + (f" (quotes compared with the primary texts in {texts_dir})" if texts_dir else ""))
    return 0


def run(pkg_dir: Path, texts: str | None = None, use_frictionless: bool = True) -> int:
    """Validate the package in pkg_dir (with the primary texts in texts, or where its configuration says)
    and print the verdict; the exit status. What scripts/validate.py runs."""
    try:
        variable, texts_dir = config.load(pkg_dir).texts_environment, texts_folder(texts, pkg_dir)
    except PackageError as exc:  # timeline.toml cannot be read: said in the package's words
        return report(exc.problems, pkg_dir, None)
    return report(validate(pkg_dir, texts_dir, use_frictionless), pkg_dir, texts_dir, variable)
