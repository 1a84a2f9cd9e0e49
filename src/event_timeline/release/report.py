"""A Diff (release.diff) written for people: plain text for the terminal, Markdown for release notes.

In: a Diff and, for Markdown, the labels of the two copies. Out: text; long cell values are cut,
so a description rewritten from end to end stays one line.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict

from event_timeline.problems import PackageError, shorten
from event_timeline.release.copies import open_copy
from event_timeline.release.diff import BUMPS, Diff, bump_problem, compare

ENTITY_TABLES = ("events", "people", "organizations", "themes", "positions", "sources")  # ids worth listing when added


def text_report(diff: Diff, old_label: str, new_label: str) -> str:
    lines = [f"{old_label} (version {diff.old_version or '?'}) -> {new_label} (version {diff.new_version or '?'})"]
    for bump in reversed(BUMPS[1:]):
        for c in diff.all_changes():
            if c.bump == bump:
                lines.append(f"  {bump.upper():5}  {c.resource + ': ' if c.resource else ''}{c.what}")
    for name, r in diff.rows.items():
        for key, fields in r.changed:
            lines.append(f"         {name} {key}: " + "; ".join(f"{f} {shorten(o, 40)!r} -> {shorten(n, 40)!r}" for f, o, n in fields))
        for key in r.removed:
            lines.append(f"         {name} {key}: removed")
    lines.append(f"required bump: {diff.required()}")
    return "\n".join(lines) + "\n"


def markdown_report(diff: Diff) -> str:
    """Release notes: structure changes by bump, a table of row counts, then every changed and removed
    row and the ids of added rows in the entity tables."""
    out = [f"Compared with {diff.old_version}, this release requires a **{diff.required()}** version bump.", ""]
    structural = [c for c in diff.changes]
    if structural:
        out += ["#### Structure and metadata", ""]
        for bump in reversed(BUMPS[1:]):
            out += [f"- {bump}: {'`' + c.resource + '`: ' if c.resource else ''}{c.what}" for c in structural if c.bump == bump]
        out.append("")
    if diff.rows:
        out += ["#### Rows", "", "| table | added | removed | changed |", "|---|---:|---:|---:|"]
        out += [f"| `{n}` | {len(r.added)} | {len(r.removed)} | {len(r.changed)} |" for n, r in diff.rows.items()]
        out.append("")
    changed = [(n, k, f) for n, r in diff.rows.items() for k, f in r.changed]
    if changed:
        out += ["#### Changed values", ""]
        for name, key, fields in changed:
            parts = "; ".join(f"`{f}` {_cell(o)} → {_cell(n)}" for f, o, n in fields)
            out.append(f"- `{name}` `{key}`: {parts}")
        out.append("")
    removed = [(n, r.removed) for n, r in diff.rows.items() if r.removed]
    if removed:
        out += ["#### Removed rows", ""]
        out += [f"- `{n}`: " + ", ".join(f"`{k}`" for k in keys) for n, keys in removed]
        out.append("")
    added = [(n, r.added) for n, r in diff.rows.items() if r.added and n in ENTITY_TABLES]
    if added:
        out += ["#### Added rows", ""]
        out += [f"- `{n}`: " + ", ".join(f"`{k}`" for k in keys) for n, keys in added]
        out.append("")
    return "\n".join(out)


def _cell(value: str) -> str:
    return f"`{shorten(value, 50)}`" if value else "(empty)"


def run_diff(old: str, new: str, form: str = "text", check: bool = False) -> int:
    """Compare two copies (directories or archives) and print their changes as text, Markdown or JSON;
    with check, exit 1 when NEW's version bump is smaller than required. What scripts/diff.py runs."""
    try:
        diff = compare(open_copy(old), open_copy(new))
    except PackageError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        return 1
    if form == "json":
        print(json.dumps({"old_version": diff.old_version, "new_version": diff.new_version, "required": diff.required(),
                          "changes": [asdict(c) for c in diff.all_changes()],
                          "rows": {n: asdict(r) for n, r in diff.rows.items()}}, indent=2, ensure_ascii=False))
    elif form == "markdown":
        print(markdown_report(diff), end="")
    else:
        print(text_report(diff, old, new), end="")
    if check:
        problem = bump_problem(diff)
        if problem:
            print(f"diff: {problem}", file=sys.stderr)
            return 1
    return 0
