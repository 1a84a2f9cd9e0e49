"""Registry of what the package publishes: the one list of its files, and the exports derived from the
typed tables (workbook, figure, TimelineJS, SQLite edition and its Datasette metadata).

In: package dir, the new descriptor, the checked tables (checks.context.Table, with their schemas), the
typed Arrow tables, and a StepMemo. Each exporter module declares READS (the resources it reads; None for
all), LIBRARIES (the libraries whose version shapes its bytes), optionally ENGINE_VERSIONS (other versions
that do, such as SQLite's), files(descriptor) (a exports.published.Published for each file it writes) and
render(...) ({path: bytes}, exactly the files it declares).
Out: published_files(descriptor): every file of the package, each with its format, media type, what it
holds and what its bytes depend on; the build's checksum list, the release archive, the landing page's
downloads and the published folders all derive from it. render_all(...): {path: bytes} of every export.
An exporter whose inputs (those resources' CSV and schema bytes, the descriptor's metadata, the code, the
library versions) are unchanged since a remembered run is not run again.
"""
from __future__ import annotations

import base64
import json
from pathlib import Path

from event_timeline.exports import datasette, figure, sqlite, timelinejs, workbook
from event_timeline.exports.published import Published
from event_timeline.memo import StepMemo
from event_timeline.model import config
from event_timeline.model.descriptor import table_resources
from event_timeline.model.layout import CHECKSUMS, parquet_path

EXPORTERS: list = [workbook, figure, timelinejs, sqlite, datasette]
IMAGE = figure.PNG_PATH  # the figure, named as the package's image in datapackage.json
DESCRIPTOR = "datapackage.json"


def package_files(descriptor: dict) -> list[Published]:
    """The descriptor, then each table's CSV, Table Schema and Parquet copy, then the checksum list."""
    out = [Published(DESCRIPTOR, "json", "application/json",
                     "The descriptor (Data Package v2): every table, its schema, licences, sizes and SHA-256.")]
    for r in table_resources(descriptor):
        title = r.get("title", r["name"])
        out.append(Published(r["path"], "csv", r.get("mediatype", "text/csv"), f"{title}: the table as curated (CSV, canonical)."))
        if isinstance(r.get("schema"), str):
            out.append(Published(r["schema"], "json", "application/json", f"{title}: its Table Schema (types, keys, vocabularies)."))
        out.append(Published(parquet_path(r["path"]), "parquet", "application/vnd.apache.parquet",
                             f"{title}: a typed copy (Parquet), with the Table Schema's types."))
    return out


def export_files(descriptor: dict) -> list[Published]:
    """What every exporter declares it writes, in the registry's order."""
    return [f for exporter in EXPORTERS for f in exporter.files(descriptor)]


def checksum_file() -> Published:
    return Published(CHECKSUMS, "txt", "text/plain", "SHA-256 of every file above, for sha256sum -c.")


def published_files(descriptor: dict) -> list[Published]:
    """Every file of the built package, in the order a reader meets them: the descriptor, the tables (CSV,
    schema, Parquet), the exports, the checksum list."""
    return package_files(descriptor) + export_files(descriptor) + [checksum_file()]


def content_digest(path: str, data: bytes) -> str | None:
    """For a file whose bytes depend on the machine that writes it, a digest of what it holds that does not
    (the SQLite edition's SQL dump); None where there is none to compare (a figure's pixels)."""
    return sqlite.content_digest(data) if path.endswith(".sqlite") else None


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


def render_all(pkg_dir: Path, descriptor: dict, tables: dict, typed: dict, memo: StepMemo | None = None) -> dict[str, bytes]:
    """{path: bytes} of every export. ValueError when an exporter writes a file it does not declare (or
    declares one it does not write): the list of published files would no longer be true."""
    memo = memo or StepMemo(None)
    out = {}
    for exporter in EXPORTERS:
        key = memo.key(exporter.__name__, inputs_of(exporter, descriptor, tables, pkg_dir), exporter.LIBRARIES)
        remembered = memo.get(key)
        if remembered is not None:
            rendered = {rel: base64.b64decode(data) for rel, data in remembered.items()}
        else:
            rendered = exporter.render(pkg_dir, descriptor, tables, typed)
            memo.put(key, {rel: base64.b64encode(data).decode("ascii") for rel, data in rendered.items()})
        declared = {f.path for f in exporter.files(descriptor)}
        if set(rendered) != declared:
            raise ValueError(f"{exporter.__name__} wrote {sorted(rendered)} but declares {sorted(declared)} in files(): "
                             "declare every file an exporter writes, so that it is published")
        out.update(rendered)
    return dict(sorted(out.items()))
