"""Registry of user-facing exports derived from the typed tables (workbook, figure, TimelineJS).

In: package dir, the new descriptor, the checked tables (checks.Table, with their schemas) and the
typed Arrow tables.
Out: {relative path: (bytes, format, mediatype, description)} for build.py to write and register.
"""
from __future__ import annotations

from pathlib import Path

import draw_timeline
import export_timelinejs
import export_workbook

EXPORTERS: list = [export_workbook.render, draw_timeline.render, export_timelinejs.render]


def render_all(pkg_dir: Path, descriptor: dict, tables: dict, typed: dict) -> dict:
    out = {}
    for exporter in EXPORTERS:
        out.update(exporter(pkg_dir, descriptor, tables, typed))
    return dict(sorted(out.items()))
