"""Build every derived file from the curated CSVs and the schemas.

In: datapackage.json, schemas/*.schema.json, data/*.csv (never modified).
Out: data/parquet/*.parquet (typed copies), the export files registered by the exporters,
the README data dictionary, and datapackage.json with fresh bytes and sha256 hashes for every file.
All outputs are written together or not at all; two builds give byte-identical files.
Usage: python scripts/build.py [PACKAGE_DIR]   (exit 1, nothing written, on bad input)
"""
from __future__ import annotations

import copy
import sys
from pathlib import Path

import checks
import data_dictionary
import exports
from pkglib import (PARQUET_MEDIATYPE, ROOT, PackageError, Problem, arrow_table, commit_files, json_bytes,
                    parquet_bytes, parquet_path, sha256_bytes)


def typed_tables(ctx: checks.Context) -> dict:
    """{name: pa.Table} for every table resource, from the rows the checks parsed;
    PackageError naming row and field if a cell does not convert to its schema type."""
    typed, problems = {}, []
    for name, t in ctx.tables.items():
        try:
            typed[name] = arrow_table(name, t.resource, t.schema, t.header, t.rows)
        except ValueError as exc:
            cause = f" ({exc.__cause__})" if exc.__cause__ else ""
            problems.append(Problem(t.file, value=str(exc), expected=f"a value of the schema's type{cause}; run scripts/validate.py"))
    if problems:
        raise PackageError(problems)
    return typed


def file_resource(name: str, path: str, data: bytes, fmt: str, mediatype: str, description: str) -> dict:
    return {"name": name, "type": "file", "path": path, "format": fmt, "mediatype": mediatype,
            "description": description, "bytes": len(data), "hash": "sha256:" + sha256_bytes(data)}


def plan(pkg_dir: Path, with_exports: bool = True) -> dict[Path, bytes]:
    """Every output path and its bytes, computed in memory; nothing is written here.
    with_exports=False leaves out the workbook, figure and TimelineJS sheet (for benchmarks).

    Raises PackageError when the curated files fail the package's own checks."""
    ctx = checks.context(pkg_dir)
    problems = checks.run(ctx, checks.SOURCE_CHECKS)
    if problems:
        raise PackageError(problems)
    descriptor = ctx.descriptor
    typed = typed_tables(ctx)
    outputs: dict[Path, bytes] = {}
    new = copy.deepcopy(descriptor)
    new["resources"] = []
    files = []
    for resource in descriptor["resources"]:
        if resource.get("type") != "table":
            continue  # file resources are regenerated below
        name = resource["name"]
        data = ctx.tables[name].path.read_bytes()
        resource = dict(resource)
        resource["bytes"] = len(data)
        resource["hash"] = "sha256:" + sha256_bytes(data)
        new["resources"].append(resource)
        pq_rel = parquet_path(resource["path"])
        pq_data = parquet_bytes(typed[name])
        outputs[pkg_dir / pq_rel] = pq_data
        files.append(file_resource(f"{name}-parquet", pq_rel, pq_data, "parquet", PARQUET_MEDIATYPE,
                                   f"Typed Parquet copy of {resource['path']} (schema derived from {resource['schema']})."))
    rendered = exports.render_all(pkg_dir, new, ctx.tables, typed) if with_exports else {}
    for rel, (data, fmt, mediatype, description) in rendered.items():
        outputs[pkg_dir / rel] = data
        files.append(file_resource(Path(rel).name.replace(".", "-").replace("_", "-").lower(), rel, data, fmt, mediatype, description))
    new["resources"].extend(files)
    outputs[pkg_dir / "datapackage.json"] = json_bytes(new)
    readme = pkg_dir / "README.md"
    if readme.exists():
        text = readme.read_text(encoding="utf-8")
        try:
            outputs[readme] = data_dictionary.updated_readme(text, data_dictionary.render_section(pkg_dir)).encode("utf-8")
        except ValueError as exc:
            raise PackageError([Problem("README.md", expected=str(exc))]) from None
    return outputs


def main(argv: list[str]) -> int:
    pkg_dir = Path(argv[1]) if len(argv) > 1 else ROOT
    try:
        outputs = plan(pkg_dir)
    except PackageError as exc:
        problems = exc.problems
        for p in problems:
            print(p, file=sys.stderr)
        print(f"build failed: {len(problems)} problem(s); no file was written", file=sys.stderr)
        return 1
    written = commit_files(outputs)
    print(f"build: {len(outputs)} outputs, {len(written)} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
