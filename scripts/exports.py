"""Registry of user-facing exports derived from the typed tables (workbook, figure, TimelineJS).

In: package dir, the new descriptor, tables and typed Arrow tables.
Out: {relative path: (bytes, format, mediatype, description)} for build.py to write and register.
"""
from __future__ import annotations

from pathlib import Path

EXPORTERS: list = []


def render_all(pkg_dir: Path, descriptor: dict, tables: dict, typed: dict) -> dict:
    out = {}
    for exporter in EXPORTERS:
        out.update(exporter(pkg_dir, descriptor, tables, typed))
    return dict(sorted(out.items()))
