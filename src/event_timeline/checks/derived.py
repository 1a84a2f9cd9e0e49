"""Checks that derived files are fresh: sizes and hashes of the tables in the descriptor, the
SHA256SUMS list of every file, and the Parquet copies.

In: a Context (checks.context). Out: Problems naming the stale or changed file and what it should
hold; the cure is to run make (or, for a release copy, to download it again).
"""
from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq

from event_timeline.model.arrow_typing import typed_table
from event_timeline.checks.context import Context, Table
from event_timeline.model.descriptor import table_resources
from event_timeline.files import sha256_file
from event_timeline.model.layout import CHECKSUMS, parquet_path, safe_path
from event_timeline.problems import PackageError, Problem


def typed(ctx: Context, t: Table):
    """The typed Arrow table of a readable table, or None when a cell does not convert (memoised)."""
    memo = ctx.memo.setdefault("typed", {})
    if t.name not in memo:
        memo[t.name] = typed_table(t.name, t.file, t.resource, t.schema, t.cells)[0]
    return memo[t.name]


def check_descriptor_fresh(ctx: Context) -> list[Problem]:
    """bytes and sha256 of every table in the descriptor match its CSV."""
    out = []
    for resource in ctx.descriptor["resources"]:
        if not isinstance(resource, dict) or "path" not in resource:
            continue
        try:
            path = safe_path(ctx.pkg_dir, resource["path"], f"resources[{resource.get('name')}]")
        except PackageError as exc:
            out += exc.problems
            continue
        if not path.is_file():
            continue  # check_readable reports the missing CSV
        size = path.stat().st_size
        if resource.get("bytes") != size:
            out.append(Problem(resource["path"], field="bytes", value=str(resource.get("bytes")),
                               expected=f"{size}, the file's size (datapackage.json is stale or the file changed: run make)"))
        digest = "sha256:" + sha256_file(path)
        if resource.get("hash") != digest:
            out.append(Problem(resource["path"], field="hash", value=str(resource.get("hash")),
                               expected=f"{digest}, the file's SHA-256 (datapackage.json is stale or the file changed: run make)"))
    return out


def listed_files(pkg_dir: Path, descriptor: dict) -> set[str]:
    """The files SHA256SUMS must list: the descriptor, the tables' schemas and every file under data/."""
    required = {"datapackage.json"}
    required |= {r["schema"] for r in table_resources(descriptor) if isinstance(r.get("schema"), str)}
    data = pkg_dir / "data"
    if data.is_dir():
        required |= {p.relative_to(pkg_dir).as_posix() for p in data.rglob("*") if p.is_file()}
    return required


def check_checksums(ctx: Context) -> list[Problem]:
    """SHA256SUMS lists the descriptor, every schema and every file under data/ (in a release copy, every file), and each listed file still has its listed SHA-256."""
    listing = ctx.pkg_dir / CHECKSUMS
    if not listing.is_file():
        return [Problem(CHECKSUMS, expected="the list of every file's SHA-256 (run make)")]
    out, listed = [], set()
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return [Problem(CHECKSUMS, expected="UTF-8 lines of '<sha256>  <path>'")]
    for number, line in enumerate(lines, start=1):
        digest, _, rel = line.partition("  ")
        if not re.fullmatch(r"[0-9a-f]{64}", digest) or not rel:
            out.append(Problem(CHECKSUMS, row=number, value=line, expected="'<sha256>  <path>'"))
            continue
        try:
            path = safe_path(ctx.pkg_dir, rel, CHECKSUMS)
        except PackageError as exc:
            out += exc.problems
            continue
        listed.add(rel)
        if not path.is_file():
            out.append(Problem(rel, expected=f"the file listed in {CHECKSUMS} to exist (run make)"))
        elif sha256_file(path) != digest:
            out.append(Problem(rel, field="sha256", value=sha256_file(path),
                               expected=f"{digest} as listed in {CHECKSUMS} (the file changed: run make, or for a release, download it again)"))
    out += [Problem(rel, expected=f"an entry in {CHECKSUMS} (run make)")
            for rel in sorted(listed_files(ctx.pkg_dir, ctx.descriptor) - listed)]
    return out


def check_parquet_mirrors(ctx: Context) -> list[Problem]:
    """Each table has a typed Parquet copy holding the same values, with the schema derived from its Table Schema."""
    out = []
    for t in ctx.readable():
        rel = parquet_path(t.resource["path"])
        path = ctx.pkg_dir / rel
        if not path.is_file():
            out.append(Problem(rel, expected=f"the typed Parquet copy of {t.file} (run make)"))
            continue
        expected = typed(ctx, t)
        if expected is None:
            continue  # the CSV itself is wrong: frictionless reports the cell
        try:
            actual = pq.read_table(path)
        except Exception as exc:  # pyarrow raises several types for a damaged file
            out.append(Problem(rel, value=f"unreadable ({type(exc).__name__})", expected="a Parquet file (run make to rebuild it)"))
            continue
        if not actual.schema.equals(expected.schema, check_metadata=True):
            out.append(Problem(rel, value="schema", expected=f"the schema derived from {t.resource['schema']} (run make)"))
        elif not actual.equals(expected):
            try:
                row, name, value = _first_difference(actual, expected)
            except UnicodeDecodeError:  # a damaged file can hold text that is not UTF-8
                row, name, value = 0, "", "text that is not UTF-8"
            out.append(Problem(rel, row=row, field=name, value=value, expected=f"the same typed values as {t.file} (run make)"))
    return out


def _first_difference(actual, expected) -> tuple[int, str, str]:
    if actual.num_rows != expected.num_rows:
        return 0, "", f"{actual.num_rows} rows, CSV has {expected.num_rows}"
    for name in expected.column_names:
        a, e = actual.column(name).to_pylist(), expected.column(name).to_pylist()
        for i, (x, y) in enumerate(zip(a, e)):
            if x != y:
                return i + 2, name, str(x)
    return 0, "", "different encoding"
