"""Build every derived file from the curated CSVs and the schemas.

In: datapackage.json, schemas/*.schema.json, data/*.csv (never modified).
Out: data/parquet/*.parquet (typed copies), the export files registered by the exporters,
the README data dictionary, the figures counted in README.md and CURATION.md (doc_figures), and datapackage.json with fresh bytes and sha256 hashes for every file.
All outputs are written together or not at all; two builds give byte-identical files.
Usage: python scripts/build.py [PACKAGE_DIR]   (exit 1, nothing written, on bad input)
"""
from __future__ import annotations

import copy
import sys
from pathlib import Path

import checks
import data_dictionary
import doc_figures
import exports
from arrow_typing import PARQUET_MEDIATYPE, parquet_bytes, typed_table
from check_context import Context, context
from output_files import commit_files, json_bytes, sha256_bytes
from package_layout import ROOT, parquet_path
from problems import PackageError, Problem, sorted_problems

GENERATED_DOCUMENTS = ["README.md", "CURATION.md"]  # Markdown with parts the build writes
FAILED = "build failed: {n} problem(s); no file was written. Correct the curated files named above, then run make again."


def typed_tables(ctx: Context) -> tuple[dict, list]:
    """{name: pa.Table} for every readable table, from the cells the checks read, and one Problem
    for every cell, in every table, that does not convert to its schema type."""
    typed, problems = {}, []
    for name, t in ctx.tables.items():
        if t.readable:
            typed[name], bad_cells = typed_table(name, t.file, t.resource, t.schema, t.cells)
            problems += bad_cells
    return typed, problems


def file_resource(name: str, path: str, data: bytes, fmt: str, mediatype: str, description: str) -> dict:
    return {"name": name, "type": "file", "path": path, "format": fmt, "mediatype": mediatype,
            "description": description, "bytes": len(data), "hash": "sha256:" + sha256_bytes(data)}


def plan(pkg_dir: Path, with_exports: bool = True) -> dict[Path, bytes]:
    """Every output path and its bytes, computed in memory; nothing is written here.
    with_exports=False leaves out the workbook, figure and TimelineJS sheet (for benchmarks).

    Raises PackageError when the curated files fail the package's own checks."""
    ctx = context(pkg_dir)
    problems = checks.run(ctx, checks.SOURCE_CHECKS)
    typed, bad_cells = typed_tables(ctx)
    if problems or bad_cells:
        raise PackageError(sorted_problems(problems + bad_cells))
    descriptor = ctx.descriptor
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
    outputs.update(documents(pkg_dir, ctx))
    return outputs


def documents(pkg_dir: Path, ctx: Context) -> dict[Path, bytes]:
    """README.md with its data dictionary, and every generated figure in README.md and CURATION.md."""
    out = {}
    cells = {name: t.cells for name, t in ctx.tables.items()}
    for doc in GENERATED_DOCUMENTS:
        path = pkg_dir / doc
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        try:
            if doc == "README.md":
                text = data_dictionary.updated_readme(text, data_dictionary.render_section(pkg_dir))
            out[path] = doc_figures.filled(text, cells).encode("utf-8")
        except ValueError as exc:
            raise PackageError([Problem(doc, expected=str(exc))]) from None
    return out


def main(argv: list[str]) -> int:
    pkg_dir = Path(argv[1]) if len(argv) > 1 else ROOT
    try:
        outputs = plan(pkg_dir)
    except PackageError as exc:
        problems = exc.problems
        for p in problems:
            print(p, file=sys.stderr)
        print(FAILED.format(n=len(problems)), file=sys.stderr)
        return 1
    written = commit_files(outputs)
    print(f"build: {len(outputs)} outputs, {len(written)} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
