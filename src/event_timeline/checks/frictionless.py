"""frictionless's validation of the package, reworded as the package's own Problems.

In: a package directory, and what the package's own checks already reported (files that could not
be read, rows with the wrong number of cells), so that frictionless does not repeat them.
Out: Problems in the package's words (which file, row, field, the value found, what was expected);
frictionless's own notes are never shown as they are.
"""
from __future__ import annotations

import re
from pathlib import Path

from event_timeline.problems import Problem

# frictionless errors that the package's own checks report (with a clearer message, or before the build writes)
COVERED = {"hash-count", "byte-count", "extra-cell", "missing-cell", "blank-label", "duplicate-label",
           "extra-label", "missing-label", "incorrect-label", "source-error", "encoding-error", "scheme-error",
           "foreign-key"}
CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"$')


def constraint_expectation(kind: str, detail: str, field: dict) -> str:
    enum = (field.get("constraints") or {}).get("enum")
    return {"required": "a value (the field is required)",
            "enum": "one of " + ", ".join(enum) if enum else f"one of {detail}",
            "pattern": f"text matching {detail}",
            "maxLength": f"at most {detail} characters",
            "minLength": f"at least {detail} characters",
            "minimum": f"a value of at least {detail}",
            "maximum": f"a value of at most {detail}",
            "unique": "a value no other row has"}.get(kind, f"a value meeting the {kind} constraint {detail}")


def expectation(error, schema: dict) -> str:
    """What the schema expected where frictionless found an error, in the package's words."""
    note = getattr(error, "note", "") or ""
    fields = {f["name"]: f for f in schema.get("fields", [])}
    key = ", ".join(schema.get("primaryKey", []))
    if error.type == "primary-key":  # an empty key: an id used twice is the own checks' (check_unique_keys)
        return f"a value for the primary key {key} (it is empty)"
    if error.type == "unique-error":
        match = re.search(r"position (\d+)", note)
        return f"a value no other row has{f' (row {match.group(1)} has the same)' if match else ''}"
    if error.type == "type-error":
        match = re.search(r'type is "(\w+)', note)
        return f"a value of type {match.group(1) if match else fields.get(getattr(error, 'field_name', ''), {}).get('type', '?')}"
    if error.type == "constraint-error":
        match = CONSTRAINT.match(note)
        if match:
            return constraint_expectation(match.group(1), match.group(2), fields.get(getattr(error, "field_name", ""), {}))
    if error.type == "blank-row":
        return "no blank row (delete it)"
    return f"what frictionless checks for {error.type} ({note or error.title})"


def own_worded(error, schema: dict) -> bool:
    """A pattern or required error on a field whose grammar the own checks word (a locator's
    x-positions): they say which positions are allowed, frictionless only the regular expression."""
    if error.type != "constraint-error":
        return False
    field = next((f for f in schema.get("fields", []) if f["name"] == getattr(error, "field_name", "")), {})
    match = CONSTRAINT.match(getattr(error, "note", "") or "")
    return bool(field.get("x-positions")) and bool(match) and match.group(1) in ("pattern", "required")


def duplicate_key(error) -> bool:
    """A primary key used twice: the own checks report it (the build must refuse it before writing)."""
    return error.type == "primary-key" and "position" in (getattr(error, "note", "") or "")


def frictionless_problems(pkg_dir: Path, schemas: dict[str, dict], skip_files: set[str],
                          skip_rows: set[tuple[str, int]]) -> list[Problem]:
    """Problems frictionless finds (keys, enums, patterns, types), as Problems; what the own checks
    report (foreign keys, ids used twice, the files' shape) is left to them."""
    from frictionless import FrictionlessException, Package, system  # imported late: slow to load

    try:
        with system.use_context(trusted=False):
            report = Package(str(pkg_dir / "datapackage.json")).validate()
    except FrictionlessException as exc:
        return [Problem("datapackage.json", value=exc.error.type,
                        expected=f"a descriptor frictionless can read ({exc.error.note or exc.error.message})")]
    out = [Problem("datapackage.json", value=e.type, expected=f"a descriptor frictionless accepts ({e.note or e.message})")
           for e in report.errors]
    for task in report.tasks:
        if task.place in skip_files:
            continue
        schema = schemas.get(task.name, {})
        key = ", ".join(schema.get("primaryKey", []))
        for e in task.errors:
            row = getattr(e, "row_number", 0) or 0
            if e.type in COVERED or duplicate_key(e) or own_worded(e, schema) or (task.place, row) in skip_rows:
                continue
            field = getattr(e, "field_name", "") or ",".join(getattr(e, "field_names", []) or [])
            value = getattr(e, "cell", None)
            if value is None and getattr(e, "field_cells", None):
                value = ",".join(e.field_cells)
            if e.type == "primary-key":
                field, value = key, ""
            out.append(Problem(task.place, row, field, value, expectation(e, schema)))
    return out

