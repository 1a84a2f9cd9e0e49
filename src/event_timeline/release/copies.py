"""One copy of a data package, read from a directory or from a release archive (zip).

In: a path to a package directory, or to a zip whose datapackage.json is at its root or inside one
top folder (the layouts of releases 2.0.0 and 1.0.0). Out: a PackageCopy: its descriptor, each
resource's Table Schema (inline or from its file) and each table's rows as lists of strings.
PackageError (file and what was expected) when the copy cannot be read.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from event_timeline.problems import PackageError, Problem

DESCRIPTOR = "datapackage.json"


@dataclass
class PackageCopy:
    label: str  # what the user gave, for messages
    files: dict[str, bytes] = field(default_factory=dict)  # relative path -> bytes (read on demand for directories)
    root: Path | None = None

    def read(self, rel: str) -> bytes:
        if self.root is not None:
            path = self.root / rel
            if not path.is_file():
                raise PackageError([Problem(f"{self.label}/{rel}", expected="a file the descriptor names (it is missing)")])
            return path.read_bytes()
        if rel not in self.files:
            raise PackageError([Problem(f"{self.label}/{rel}", expected="a file the descriptor names (it is not in the archive)")])
        return self.files[rel]

    def descriptor(self) -> dict:
        try:
            return json.loads(self.read(DESCRIPTOR).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PackageError([Problem(f"{self.label}/{DESCRIPTOR}", expected=f"JSON ({exc})")]) from None

    def schema(self, resource: dict) -> dict | None:
        schema = resource.get("schema")
        if isinstance(schema, str):
            try:
                return json.loads(self.read(schema).decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise PackageError([Problem(f"{self.label}/{schema}", expected=f"a JSON Table Schema ({exc})")]) from None
        return schema if isinstance(schema, dict) else None

    def rows(self, resource: dict) -> tuple[list[str], list[list[str]]]:
        """Header and rows of a CSV table resource."""
        text = self.read(resource["path"]).decode("utf-8-sig")
        try:
            header, *rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        except (csv.Error, ValueError) as exc:
            raise PackageError([Problem(f"{self.label}/{resource['path']}", expected=f"a readable CSV ({exc})")]) from None
        return header, rows


def open_copy(path: str | Path) -> PackageCopy:
    """The package copy at path: a directory holding datapackage.json, or a zip (either layout)."""
    path = Path(path)
    if path.is_dir():
        if not (path / DESCRIPTOR).is_file():
            raise PackageError([Problem(str(path), expected=f"a package directory with {DESCRIPTOR} at its top")])
        return PackageCopy(str(path), root=path)
    if not path.is_file():
        raise PackageError([Problem(str(path), expected="a package directory or a release archive (.zip); nothing is there")])
    try:
        with zipfile.ZipFile(path) as archive:
            files = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    except zipfile.BadZipFile:
        raise PackageError([Problem(str(path), expected="a package directory or a zip archive")]) from None
    if DESCRIPTOR in files:
        return PackageCopy(str(path), files=files)
    tops = {name.split("/", 1)[0] for name in files if "/" in name}
    if len(tops) == 1:
        top = tops.pop() + "/"
        if top + DESCRIPTOR in files:
            return PackageCopy(str(path), files={k[len(top):]: v for k, v in files.items() if k.startswith(top)})
    raise PackageError([Problem(str(path), expected=f"an archive with {DESCRIPTOR} at its root or inside one top folder")])
