"""Questions answered by a Table Schema: field names, types, constraints, keys, id prefixes.

In: a Table Schema (dict) or one of its fields. Out: plain values. Nothing here restates a schema;
every answer is read from it.
"""
from __future__ import annotations

import re


def field_names(schema: dict) -> list[str]:
    return [f["name"] for f in schema["fields"]]


def field_named(schema: dict, name: str) -> dict:
    """The field of that name ({} when the schema has none)."""
    return next((f for f in schema["fields"] if f["name"] == name), {})


def field_check(field: dict) -> str:
    """The package's own check kind for a field (partial-date, country, language, timezone) or ''."""
    return field.get("x-check", "")


def enum_of(field: dict) -> list | None:
    return (field.get("constraints") or {}).get("enum")


def is_required(field: dict) -> bool:
    return bool((field.get("constraints") or {}).get("required"))


def field_list(value) -> list[str]:
    """A key's fields as a list (a Table Schema may write one field as a plain string)."""
    return [value] if isinstance(value, str) else list(value)


def key_field(schema: dict) -> str:
    """The (single-field) primary key."""
    return schema["primaryKey"][0]


def self_references(schema: dict) -> list[str]:
    """Fields that point at the same resource's primary key (parent chains)."""
    return [field_list(fk["fields"])[0] for fk in schema.get("foreignKeys", []) if not fk["reference"].get("resource")]


def id_prefix(schema: dict) -> str:
    """'evt-' for events: read from the primary key's pattern."""
    key = key_field(schema)
    field = next(f for f in schema["fields"] if f["name"] == key)
    match = re.match(r"\^([a-z]+-)", (field.get("constraints") or {}).get("pattern", ""))
    return match.group(1) if match else ""


def locator_pattern(field: dict) -> str:
    """The pattern of a locator field, from its vocabulary (x-positions, where 'paragraph N' stands for
    any paragraph number, and the x-unquoted marker): a position, then optionally ': ' and a note.
    The schema's constraints.pattern (what frictionless enforces) is this same text."""
    positions = [p.replace(" N", " [1-9][0-9]*") for p in field["x-positions"]]
    return f"^({'|'.join(positions + [field['x-unquoted']])})(: .+)?$"
