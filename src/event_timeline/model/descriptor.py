"""Reading a package's descriptor and Table Schemas.

In: a package directory (datapackage.json, schemas/). Out: the descriptor as a dict and, for each
table resource, a TableSpec (name, resource, schema, CSV path). Raises PackageError, worded for
people, when a file is missing, not UTF-8, not JSON, or points outside the package.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from event_timeline.model.layout import safe_path
from event_timeline.problems import PackageError, Problem


@dataclass(frozen=True)
class TableSpec:
    name: str
    resource: dict
    schema: dict
    path: Path  # absolute path of the CSV

    @property
    def file(self) -> str:
        """The CSV's path as the descriptor gives it (and as messages show it)."""
        return self.resource["path"]


def load_json(path: Path, shown: str) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackageError([Problem(shown, expected="the file to exist")]) from None
    except UnicodeDecodeError as exc:
        raise PackageError([Problem(shown, expected=f"UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PackageError([Problem(shown, row=exc.lineno, value=exc.msg, expected="valid JSON")]) from None
    if not isinstance(data, dict):
        raise PackageError([Problem(shown, value=type(data).__name__, expected="a JSON object")])
    return data


def load_descriptor(pkg_dir: Path) -> dict:
    descriptor = load_json(pkg_dir / "datapackage.json", "datapackage.json")
    if not isinstance(descriptor.get("resources"), list):
        raise PackageError([Problem("datapackage.json", field="resources", expected="a list of resources")])
    return descriptor


def table_resources(descriptor: dict) -> list[dict]:
    return [r for r in descriptor["resources"] if isinstance(r, dict) and r.get("type") == "table"]


def load_schema(pkg_dir: Path, resource: dict) -> dict:
    ref = resource.get("schema")
    if isinstance(ref, dict):
        return ref
    return load_json(safe_path(pkg_dir, ref, f"resources[{resource.get('name', '?')}].schema"), str(ref))


def load_tables(pkg_dir: Path) -> tuple[dict, dict[str, TableSpec]]:
    """The descriptor and {resource name: TableSpec} for every table resource, in descriptor order."""
    descriptor = load_descriptor(pkg_dir)
    tables = {}
    for resource in table_resources(descriptor):
        path = safe_path(pkg_dir, resource.get("path"), f"resources[{resource.get('name')}]")
        tables[resource["name"]] = TableSpec(resource["name"], resource, load_schema(pkg_dir, resource), path)
    return descriptor, tables
