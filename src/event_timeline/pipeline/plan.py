"""Build every derived file from the curated CSVs and the schemas.

In: datapackage.json, schemas/*.schema.json, data/*.csv (never modified).
Out: data/parquet/*.parquet (typed copies), the exports (exports.registry), the README data dictionary,
the figures counted in README.md and CURATION.md (documents.figures), datapackage.json (the CSV tables
with fresh bytes and sha256 hashes, the figure as the package's image, and `sources` naming every
source the data cites), CITATION.cff (from the descriptor: documents.citation) and SHA256SUMS (the
descriptor, schemas and every file under data/, for `sha256sum -c`).
All outputs are written together or not at all; two builds give byte-identical files.
With --validate, the package is then validated in the same process (make does this); with
--memo DIR, slow steps (exports, frictionless) are not repeated for inputs they have seen.
"""
from __future__ import annotations

import copy
import sys
from pathlib import Path

from event_timeline.checks import registry as checks
from event_timeline.documents import data_dictionary
from event_timeline.documents import figures as doc_figures
from event_timeline.documents.citation import CFF, CHANGELOG, citation_cff
from event_timeline.documents.descriptor_sources import descriptor_sources
from event_timeline.exports import registry as exports
from event_timeline.checks import validate
from event_timeline.model.arrow_typing import parquet_bytes, typed_table
from event_timeline.checks.context import Context, context, texts_folder
from event_timeline.files import commit_files, json_bytes, sha256_bytes
from event_timeline.model.descriptor import table_resources
from event_timeline.model.layout import CHECKSUMS, parquet_path
from event_timeline.problems import PackageError, Problem, sorted_problems
from event_timeline.memo import StepMemo
from event_timeline.model import config

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


def fresh_table_resource(resource: dict, data: bytes) -> dict:
    """A table resource as curated, with the size and SHA-256 of its CSV."""
    return {**resource, "bytes": len(data), "hash": "sha256:" + sha256_bytes(data)}


def checksum_list(pkg_dir: Path, outputs: dict[Path, bytes], descriptor: dict) -> bytes:
    """SHA256SUMS: '<sha256>  <path>' for the descriptor, every schema and every file under data/
    (curated CSVs, Parquet copies, exports), sorted by path; `sha256sum -c SHA256SUMS` checks them."""
    files = {pkg_dir / "datapackage.json": outputs[pkg_dir / "datapackage.json"]}
    for resource in table_resources(descriptor):
        for rel in (resource["path"], resource.get("schema")):
            if isinstance(rel, str):
                files[pkg_dir / rel] = (pkg_dir / rel).read_bytes()
    files.update({p: data for p, data in outputs.items() if p.relative_to(pkg_dir).parts[0] == "data"})
    listed = {p.relative_to(pkg_dir).as_posix(): data for p, data in files.items()}
    return "".join(f"{sha256_bytes(listed[rel])}  {rel}\n" for rel in sorted(listed)).encode("utf-8")


def plan(pkg_dir: Path, with_exports: bool = True, memo: StepMemo | None = None) -> dict[Path, bytes]:
    """Every output path and its bytes, computed in memory; nothing is written here.
    with_exports=False leaves out the workbook, figure and TimelineJS files (for tests and benchmarks).

    Raises PackageError when the curated files fail the package's own checks."""
    ctx = context(pkg_dir)
    problems = checks.run(ctx, checks.SOURCE_CHECKS)
    typed, bad_cells = typed_tables(ctx)
    if problems or bad_cells:
        raise PackageError(sorted_problems(problems + bad_cells))
    outputs: dict[Path, bytes] = {}
    new = copy.deepcopy(ctx.descriptor)
    new["resources"] = []
    for resource in table_resources(ctx.descriptor):
        name = resource["name"]
        new["resources"].append(fresh_table_resource(resource, ctx.tables[name].path.read_bytes()))
        outputs[pkg_dir / parquet_path(resource["path"])] = parquet_bytes(typed[name])
    rendered = exports.render_all(pkg_dir, new, ctx.tables, typed, memo) if with_exports else {}
    outputs.update({pkg_dir / rel: data for rel, data in rendered.items()})
    new.pop("image", None)
    if exports.IMAGE in rendered:
        new["image"] = exports.IMAGE  # the timeline figure represents the package
    cited = descriptor_sources(ctx.tables)
    if cited is not None:
        new["sources"] = cited
    outputs[pkg_dir / "datapackage.json"] = json_bytes(new)
    outputs.update(documents(pkg_dir, ctx))
    changelog = pkg_dir / CHANGELOG
    outputs[pkg_dir / CFF] = citation_cff(new, changelog.read_text(encoding="utf-8") if changelog.is_file() else None).encode("utf-8")
    outputs[pkg_dir / CHECKSUMS] = checksum_list(pkg_dir, outputs, new)
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


def run(pkg_dir: Path, validate_after: bool = False, memo_dir: Path | None = None) -> int:
    """Build the package in pkg_dir (all outputs or none) and, with validate_after, validate it in the
    same process; print what happened; the exit status. What scripts/build.py runs."""
    memo = StepMemo(memo_dir)
    try:
        outputs = plan(pkg_dir, memo=memo)
        texts_dir = texts_folder(None, pkg_dir) if validate_after else None
        variable = config.load(pkg_dir).texts_environment
    except PackageError as exc:
        problems = exc.problems
        for p in problems:
            print(p, file=sys.stderr)
        print(FAILED.format(n=len(problems)), file=sys.stderr)
        return 1
    written = commit_files(outputs)
    print(f"build: {len(outputs)} outputs, {len(written)} changed")
    if validate_after:
        return validate.report(validate.validate(pkg_dir, texts_dir, memo=memo), pkg_dir, texts_dir, variable)
    return 0
