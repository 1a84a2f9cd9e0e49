"""Ids that left the package: the register of withdrawn ids, read and checked against a release's diff.

In: a package copy's register (the `withdrawn` table: id, resource, last_release, withdrawn_in, reason,
replaced_by, former_row) and the diff with the previous release (release.diff: the rows each table lost,
keyed by id). Out: the removals the register lacks, each as the row to add (all but the reason filled in:
the former row as the previous release held it), and the register rows whose former row is not what that
release held. The SemVer rule the gate applies to a removal (major) is in release.diff; the build's own
check that no withdrawn id is back in a table is checks.withdrawn.
"""
from __future__ import annotations

import csv
import io
import json

from event_timeline.release.copies import PackageCopy
from event_timeline.release.diff import Diff

REGISTER = "withdrawn"  # the resource that records withdrawn ids
FIELDS = ["id", "resource", "last_release", "withdrawn_in", "reason", "replaced_by", "former_row"]


def former_row(copy: PackageCopy, resource: str, key: str) -> dict | None:
    """The row of `resource` whose primary key is `key`, as {field: value} in the copy's column order."""
    spec = next((r for r in copy.descriptor().get("resources", []) if r.get("name") == resource), None)
    if spec is None:
        return None
    header, rows = copy.rows(spec)
    schema = copy.schema(spec) or {}
    pk = schema.get("primaryKey") or []
    pk = [pk] if isinstance(pk, str) else pk
    at = [header.index(f) for f in pk if f in header]
    for row in rows:
        if "|".join(row[i] for i in at) == key:
            return dict(zip(header, row))
    return None


def register_rows(copy: PackageCopy) -> list[dict]:
    """The copy's register, as dicts; [] when the copy has none."""
    spec = next((r for r in copy.descriptor().get("resources", []) if r.get("name") == REGISTER), None)
    if spec is None:
        return []
    header, rows = copy.rows(spec)
    return [dict(zip(header, row)) for row in rows]


def row_text(row: dict) -> str:
    """A register row as one CSV line (what to paste into data/withdrawn.csv)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([row.get(f, "") for f in FIELDS])
    return buffer.getvalue()


def missing_withdrawals(diff: Diff, old: PackageCopy, new: PackageCopy) -> list[dict]:
    """Every row the previous release held and this one does not, that the register lacks: the rows to add."""
    registered = {r["id"] for r in register_rows(new)}
    out = []
    for resource, changes in sorted(diff.rows.items()):
        if resource == REGISTER:
            continue
        for key in changes.removed:
            if key not in registered:
                out.append({"id": key, "resource": resource, "last_release": diff.old_version, "withdrawn_in": diff.new_version,
                            "reason": "", "replaced_by": "",
                            "former_row": json.dumps(former_row(old, resource, key) or {}, ensure_ascii=False, separators=(", ", ": "))})
    return out


def misremembered(diff: Diff, old: PackageCopy, new: PackageCopy) -> list[str]:
    """Register rows for ids this release withdrew whose former_row is not the row the previous release held."""
    out = []
    removed = {key: resource for resource, changes in diff.rows.items() for key in changes.removed}
    for r in register_rows(new):
        if r["id"] in removed and r["withdrawn_in"] == diff.new_version:
            held = former_row(old, removed[r["id"]], r["id"])
            try:
                said = json.loads(r["former_row"])
            except json.JSONDecodeError:
                said = None
            if held is not None and said != held:
                out.append(f"{r['id']}: its former_row is not the row {diff.old_version} held "
                           f"(expected {json.dumps(held, ensure_ascii=False)[:120]}...)")
    return out
