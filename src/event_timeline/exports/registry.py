"""Registry of user-facing exports derived from the typed tables (workbook, figure, TimelineJS,
SQLite edition and its Datasette metadata).

In: package dir, the new descriptor, the checked tables (checks.context.Table, with their schemas),
the typed Arrow tables, and a StepMemo. Each exporter module declares READS (the resources it reads;
None for all), LIBRARIES (the libraries whose version shapes its bytes) and, optionally,
ENGINE_VERSIONS (other versions that do, such as SQLite's).
Out: {relative path: (bytes, format, mediatype, description)} for pipeline.plan to write and register.
An exporter whose inputs (those resources' CSV and schema bytes, the descriptor's metadata, the
code, the library versions) are unchanged since a remembered run is not run again.
"""
from __future__ import annotations

import base64
import json
from pathlib import Path

from event_timeline.exports import datasette, figure, sqlite, timelinejs, workbook
from event_timeline.memo import StepMemo
from event_timeline.model import config

EXPORTERS: list = [workbook, figure, timelinejs, sqlite, datasette]
IMAGE = figure.PNG_PATH  # the figure, named as the package's image in datapackage.json


def inputs_of(exporter, descriptor: dict, tables: dict, pkg_dir: Path) -> list[bytes]:
    """Everything an exporter reads, as bytes: the descriptor without sizes and hashes, the package's
    configuration (timeline.toml), and the CSV and schema of each resource it reads."""
    metadata = {k: v for k, v in descriptor.items() if k != "resources"}
    metadata["resources"] = [{k: v for k, v in r.items() if k not in ("bytes", "hash")} for r in descriptor["resources"]]
    settings = pkg_dir / config.CONFIG_FILE
    parts = [json.dumps(metadata, sort_keys=True).encode(), settings.read_bytes() if settings.is_file() else b""]
    for name in exporter.READS or sorted(tables):
        t = tables[name]
        parts += [name.encode(), t.path.read_bytes(), json.dumps(t.schema, sort_keys=True).encode()]
    parts += [f"{k}={v}".encode() for k, v in sorted(getattr(exporter, "ENGINE_VERSIONS", {}).items())]
    return parts


def render_all(pkg_dir: Path, descriptor: dict, tables: dict, typed: dict, memo: StepMemo | None = None) -> dict:
    memo = memo or StepMemo(None)
    out = {}
    for exporter in EXPORTERS:
        key = memo.key(exporter.__name__, inputs_of(exporter, descriptor, tables, pkg_dir), exporter.LIBRARIES)
        remembered = memo.get(key)
        if remembered is not None:
            out.update({rel: (base64.b64decode(data), *rest) for rel, (data, *rest) in remembered.items()})
            continue
        rendered = exporter.render(pkg_dir, descriptor, tables, typed)
        memo.put(key, {rel: [base64.b64encode(data).decode("ascii"), *rest] for rel, (data, *rest) in rendered.items()})
        out.update(rendered)
    return dict(sorted(out.items()))
