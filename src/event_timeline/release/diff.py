"""What changed between two copies of the package, and the smallest SemVer bump that says so.

In: two PackageCopy objects (release.copies.open_copy). Out: a Diff: package- and schema-level changes,
each with the bump it requires, and per table the rows added, removed and changed by primary key
(with the changed fields); bump_problem says why a new version does not fit them. The rules, which
README.md states for users:

- major: a resource removed or moved; a field removed or renamed, retyped, reformatted or moved
  relative to the others; a new field that is required or not at the end; a primary key, foreign key,
  unique key or missing-value marker changed; a constraint tightened (required added, an enum value
  removed, a length or bound narrowed, a pattern changed, a package check added); the package renamed;
  rows removed (an id a user holds no longer finds its row: a reference breaks, as a removed field
  does; the register of withdrawn ids says where each went, release.withdrawals).
- minor: a resource added; an optional field added at the end; a constraint loosened (an enum value
  added, a bound widened, required dropped); rows added.
- patch: rows changed (corrections that keep their ids); descriptions, titles and other metadata changed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from event_timeline.release.copies import PackageCopy

BUMPS = ["none", "patch", "minor", "major"]
IGNORED_PACKAGE_KEYS = {"resources", "version", "created"}  # compared elsewhere, or expected to change
LOOSER_WHEN_HIGHER = {"maxLength", "maximum", "exclusiveMaximum"}
LOOSER_WHEN_LOWER = {"minLength", "minimum", "exclusiveMinimum"}


@dataclass(frozen=True)
class Change:
    bump: str
    resource: str  # "" for the package itself
    what: str


@dataclass
class RowChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[tuple[str, str, str]]]] = field(default_factory=list)  # (key, [(field, old, new)])


@dataclass
class Diff:
    old_version: str
    new_version: str
    changes: list[Change] = field(default_factory=list)
    rows: dict[str, RowChanges] = field(default_factory=dict)

    def all_changes(self) -> list[Change]:
        """Schema and package changes, then one line per table for its row changes."""
        out = list(self.changes)
        for name, r in self.rows.items():
            if r.added:
                out.append(Change("minor", name, f"{len(r.added)} row(s) added"))
            if r.removed:
                out.append(Change("major", name, f"{len(r.removed)} row(s) removed (ids that no longer resolve)"))
            if r.changed:
                out.append(Change("patch", name, f"{len(r.changed)} row(s) changed"))
        return out

    def required(self) -> str:
        """The smallest bump that covers every change."""
        return max((c.bump for c in self.all_changes()), key=BUMPS.index, default="none")


def compare(old: PackageCopy, new: PackageCopy) -> Diff:
    old_d, new_d = old.descriptor(), new.descriptor()
    diff = Diff(str(old_d.get("version", "")), str(new_d.get("version", "")))
    diff.changes += package_changes(old_d, new_d)
    old_r = {r["name"]: r for r in old_d.get("resources", [])}
    new_r = {r["name"]: r for r in new_d.get("resources", [])}
    for name in sorted(old_r.keys() - new_r.keys()):
        diff.changes.append(Change("major", name, f"resource removed ({old_r[name].get('path')})"))
    for name in sorted(new_r.keys() - old_r.keys()):
        diff.changes.append(Change("minor", name, f"resource added ({new_r[name].get('path')})"))
    for name in [n for n in old_r if n in new_r]:
        a, b = old_r[name], new_r[name]
        diff.changes += resource_changes(name, a, b)
        schema_a, schema_b = old.schema(a), new.schema(b)
        if schema_a is not None and schema_b is not None:
            diff.changes += schema_changes(name, schema_a, schema_b)
            if a.get("path", "").endswith(".csv") and b.get("path", "").endswith(".csv"):
                diff.rows[name] = row_changes(schema_a, schema_b, old.rows(a), new.rows(b))
    return diff


def package_changes(a: dict, b: dict) -> list[Change]:
    out = []
    if a.get("name") != b.get("name"):
        out.append(Change("major", "", f"package renamed: {a.get('name')} -> {b.get('name')}"))
    for key in sorted((a.keys() | b.keys()) - IGNORED_PACKAGE_KEYS - {"name"}):
        if a.get(key) != b.get(key):
            verb = "added" if key not in a else "removed" if key not in b else "changed"
            out.append(Change("patch", "", f"descriptor {key} {verb}"))
    return out


def resource_changes(name: str, a: dict, b: dict) -> list[Change]:
    out = []
    for key in ("path", "type", "format", "mediatype", "encoding", "dialect"):
        if a.get(key) != b.get(key):
            out.append(Change("major", name, f"{key} changed: {a.get(key)} -> {b.get(key)}"))
    for key in ("title", "description"):
        if a.get(key) != b.get(key):
            out.append(Change("patch", name, f"{key} changed"))
    return out


def schema_changes(name: str, a: dict, b: dict) -> list[Change]:
    out = []
    fields_a = {f["name"]: f for f in a.get("fields", [])}
    fields_b = {f["name"]: f for f in b.get("fields", [])}
    order_a = [f for f in fields_a if f in fields_b]
    order_b = [f for f in fields_b if f in fields_a]
    for f in fields_a:
        if f not in fields_b:
            out.append(Change("major", name, f"field {f} removed (or renamed)"))
    if order_a != order_b:
        out.append(Change("major", name, f"fields reordered: {', '.join(order_a)} -> {', '.join(order_b)}"))
    last_common = max((i for i, f in enumerate(fields_b) if f in fields_a), default=-1)
    for i, f in enumerate(fields_b):
        if f in fields_a:
            continue
        required = fields_b[f].get("constraints", {}).get("required", False)
        if required:
            out.append(Change("major", name, f"field {f} added, required"))
        elif i < last_common:
            out.append(Change("major", name, f"field {f} added before existing fields (columns move)"))
        else:
            out.append(Change("minor", name, f"field {f} added (optional, at the end)"))
    for f in order_b:
        out += field_changes(name, fields_a[f], fields_b[f])
    for key in ("primaryKey", "foreignKeys", "uniqueKeys", "missingValues"):
        if a.get(key) != b.get(key):
            loosened = key in ("foreignKeys", "uniqueKeys") and not b.get(key)
            out.append(Change("minor" if loosened else "major", name, f"{key} changed"))
    return out


def field_changes(name: str, a: dict, b: dict) -> list[Change]:
    f, out = a["name"], []
    for key in ("type", "format"):
        if a.get(key) != b.get(key):
            out.append(Change("major", name, f"field {f}: {key} {a.get(key)} -> {b.get(key)}"))
    ca, cb = a.get("constraints", {}), b.get("constraints", {})
    for key in sorted(ca.keys() | cb.keys()):
        va, vb = ca.get(key), cb.get(key)
        if va == vb:
            continue
        if key == "enum":
            removed, added = [v for v in va or [] if v not in (vb or [])], [v for v in vb or [] if v not in (va or [])]
            if vb is None:
                out.append(Change("minor", name, f"field {f}: enum dropped"))
            elif va is None or removed:
                out.append(Change("major", name, f"field {f}: enum values removed: {', '.join(map(str, removed)) or 'all (new enum)'}"))
            if va is not None and added:
                out.append(Change("minor", name, f"field {f}: enum values added: {', '.join(map(str, added))}"))
        elif key in ("required", "unique"):
            out.append(Change("major" if vb else "minor", name, f"field {f}: {key} {'added' if vb else 'dropped'}"))
        elif key in LOOSER_WHEN_HIGHER | LOOSER_WHEN_LOWER:
            looser = vb is None or (va is not None and ((vb > va) if key in LOOSER_WHEN_HIGHER else (vb < va)))
            out.append(Change("minor" if looser else "major", name, f"field {f}: {key} {va} -> {vb}"))
        else:
            out.append(Change("major", name, f"field {f}: constraint {key} {va} -> {vb}"))
    checks = {k: a.get(k) for k in a if k.startswith("x-")}, {k: b.get(k) for k in b if k.startswith("x-")}
    for key in sorted(checks[0].keys() | checks[1].keys()):
        if checks[0].get(key) != checks[1].get(key):
            out.append(Change("minor" if key not in checks[1] else "major", name, f"field {f}: {key} {checks[0].get(key)} -> {checks[1].get(key)}"))
    for key in ("title", "description", "example"):
        if a.get(key) != b.get(key):
            out.append(Change("patch", name, f"field {f}: {key} changed"))
    return out


def row_changes(schema_a: dict, schema_b: dict, old: tuple[list[str], list[list[str]]],
                new: tuple[list[str], list[list[str]]]) -> RowChanges:
    """Rows added, removed and changed, matched by the new schema's primary key (the old one if it has none)."""
    key_fields = schema_b.get("primaryKey") or schema_a.get("primaryKey") or []
    key_fields = [key_fields] if isinstance(key_fields, str) else key_fields
    (header_a, rows_a), (header_b, rows_b) = old, new
    if not key_fields or not set(key_fields) <= set(header_a) & set(header_b):
        return RowChanges()
    common = [h for h in header_b if h in header_a]

    def by_key(header, rows):
        pos = {h: i for i, h in enumerate(header)}
        out = {}
        for r in rows:
            cells = {h: (r[pos[h]] if pos[h] < len(r) else "") for h in header}
            out["|".join(cells[k] for k in key_fields)] = cells
        return out

    a, b = by_key(header_a, rows_a), by_key(header_b, rows_b)
    changes = RowChanges(added=sorted(b.keys() - a.keys()), removed=sorted(a.keys() - b.keys()))
    for k in sorted(a.keys() & b.keys()):
        fields = [(h, a[k][h], b[k][h]) for h in common if a[k][h] != b[k][h]]
        if fields:
            changes.changed.append((k, fields))
    return changes


SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


def bump_between(old: str, new: str) -> str | None:
    """The bump from version old to new (none, patch, minor, major), or None if either is not
    MAJOR.MINOR.PATCH or new is lower than old."""
    ma, mb = SEMVER.match(old), SEMVER.match(new)
    if not ma or not mb:
        return None
    a, b = tuple(map(int, ma.groups())), tuple(map(int, mb.groups()))
    if b < a:
        return None
    if b == a:
        return "none"
    return "major" if b[0] > a[0] else "minor" if b[1] > a[1] else "patch"


def bump_problem(diff: Diff) -> str | None:
    """Why NEW's version does not fit the changes, or None when it does."""
    actual, required = bump_between(diff.old_version, diff.new_version), diff.required()
    if actual is None:
        return (f"version {diff.new_version!r} after {diff.old_version!r}: expected MAJOR.MINOR.PATCH versions, "
                f"the new one not lower than the old")
    if BUMPS.index(actual) < BUMPS.index(required):
        strongest = [c for c in diff.all_changes() if c.bump == required]
        named = "; ".join(f"{c.resource + ': ' if c.resource else ''}{c.what}" for c in strongest[:8])
        more = f" (and {len(strongest) - 8} more)" if len(strongest) > 8 else ""
        return (f"version {diff.new_version} is a {actual} bump after {diff.old_version}, but the changes require a "
                f"{required} bump: {named}{more}. Set the version in datapackage.json accordingly (make writes it into CITATION.cff).")
    return None
