"""Shared helpers for the package scripts.

In: a package directory (datapackage.json, schemas/, data/).
Out: parsed descriptor and schemas, CSV rows, typed Arrow tables derived from the Table Schemas,
partial-date intervals, problems worded for people, and all-or-nothing file writes.
Nothing here restates a schema: types, enums and nullability are read from schemas/.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the package, said so a curator can act on it."""

    file: str
    row: int = 0  # line number in the file (header is line 1); 0 when not about a row
    field: str = ""
    value: str | None = None
    expected: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.row:
            where += f", row {self.row}"
        if self.field:
            where += f", field {self.field!r}"
        found = "" if self.value is None else f"found {shorten(self.value)!r}; "
        return f"{where}: {found}expected {self.expected}"


class PackageError(Exception):
    """Raised when the package cannot be read far enough to check it."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# ---------- descriptor and schemas ----------

def safe_path(pkg_dir: Path, relative: str, owner: str) -> Path:
    """Resolve a path from the descriptor, refusing anything outside the package."""
    if not isinstance(relative, str) or not relative:
        raise PackageError([Problem("datapackage.json", field=f"{owner}.path", value=str(relative),
                                    expected="a relative path inside the package")])
    if relative.startswith(("/", "\\")) or "://" in relative or ".." in Path(relative).parts:
        raise PackageError([Problem("datapackage.json", field=f"{owner}.path", value=relative,
                                    expected="a relative path inside the package (no '..', not absolute)")])
    return pkg_dir / relative


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
    name = resource.get("name", "?")
    if isinstance(ref, dict):
        return ref
    return load_json(safe_path(pkg_dir, ref, f"resources[{name}].schema"), str(ref))


def load_tables(pkg_dir: Path) -> tuple[dict, dict[str, dict]]:
    """The descriptor and {resource name: {"resource", "schema", "path"}} for every table."""
    descriptor = load_descriptor(pkg_dir)
    tables = {}
    for resource in table_resources(descriptor):
        path = safe_path(pkg_dir, resource.get("path"), f"resources[{resource.get('name')}]")
        tables[resource["name"]] = {"resource": resource, "schema": load_schema(pkg_dir, resource), "path": path}
    return descriptor, tables


def field_check(field: dict) -> str:
    """The package's own check kind for a field (partial-date, country, language, timezone) or ''."""
    return field.get("x-check", "")


def enum_of(field: dict) -> list | None:
    return (field.get("constraints") or {}).get("enum")


def is_required(field: dict) -> bool:
    return bool((field.get("constraints") or {}).get("required"))


def self_references(schema: dict) -> list[str]:
    """Fields that point at the same resource's primary key (parent chains)."""
    return [fk["fields"][0] for fk in schema.get("foreignKeys", []) if not fk["reference"].get("resource")]


# ---------- CSV ----------

def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a UTF-8 CSV as strings. Raises UnicodeDecodeError or csv.Error."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, strict=True)
        rows = list(reader)
    if not rows:
        return [], []
    return rows[0], rows[1:]


def read_records(path: Path) -> list[dict[str, str]]:
    header, rows = read_csv(path)
    return [dict(zip(header, row)) for row in rows]


# ---------- dates ----------

@lru_cache(maxsize=1 << 16)
def partial_date_interval(text: str) -> tuple[dt.date, dt.date]:
    """Earliest and latest day a partial ISO date can mean: '2025-11' -> (2025-11-01, 2025-11-30).

    Raises ValueError when the text is not YYYY, YYYY-MM or YYYY-MM-DD, or not a real calendar date."""
    match = PARTIAL_DATE.match(text)
    if not match:
        raise ValueError("not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day_date = dt.date(year, month, day)  # raises ValueError for 2025-11-31
    return day_date, day_date


# ---------- typed Arrow tables derived from the schemas ----------

def arrow_type(field: dict) -> pa.DataType:
    kind = field.get("type", "string")
    if kind == "string" and enum_of(field):
        return pa.dictionary(pa.int32(), pa.string())
    return {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(),
            "boolean": pa.bool_(), "date": pa.date32()}.get(kind, pa.string())


def arrow_schema(name: str, resource: dict, schema: dict) -> pa.Schema:
    fields = []
    for field in schema["fields"]:
        meta = {"description": field.get("description", ""), "tableschema_type": field.get("type", "string")}
        if field_check(field):
            meta["check"] = field_check(field)
        fields.append(pa.field(field["name"], arrow_type(field), nullable=not is_required(field), metadata=meta))
    return pa.schema(fields, metadata={"resource": name, "title": resource.get("title", ""),
                                       "description": resource.get("description", "")})


def convert_cell(field: dict, text: str):
    """The typed value of one CSV cell, or raise ValueError saying what was expected."""
    if text == "":
        return None
    kind = field.get("type", "string")
    if kind == "integer":
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "boolean":
        if text in field.get("trueValues", TRUE_VALUES):
            return True
        if text in field.get("falseValues", FALSE_VALUES):
            return False
        raise ValueError("true or false")
    if kind == "date":
        if len(text) != 10:
            raise ValueError("a full date YYYY-MM-DD")
        return dt.date.fromisoformat(text)
    if enum_of(field) and text not in enum_of(field):
        raise ValueError("a value of its enum")
    return text


def _typed_column(field: dict, texts: pa.Array, arrow_type_: pa.DataType) -> pa.Array:
    """Vectorised conversion of one column of CSV text (empty text is null). Raises on a bad cell."""
    empty = pc.equal(texts, "")
    values = pc.if_else(empty, pa.scalar(None, pa.string()), texts)
    kind = field.get("type", "string")
    if pa.types.is_dictionary(arrow_type_):
        categories = pa.array(enum_of(field), pa.string())
        indices = pc.cast(pc.index_in(values, value_set=categories), pa.int32())
        if indices.null_count != values.null_count:
            raise ValueError("value outside the enum")
        return pa.DictionaryArray.from_arrays(indices, categories)
    if kind == "boolean":
        true = pc.is_in(values, value_set=pa.array(list(field.get("trueValues", TRUE_VALUES))))
        false = pc.is_in(values, value_set=pa.array(list(field.get("falseValues", FALSE_VALUES))))
        if not pc.all(pc.or_kleene(pc.or_(true, false), empty)).as_py():
            raise ValueError("not a boolean")
        return pc.if_else(empty, pa.scalar(None, pa.bool_()), true)
    if kind == "date":
        lengths = pc.utf8_length(values)
        if not pc.all(pc.equal(pc.fill_null(lengths, 10), 10)).as_py():
            raise ValueError("not YYYY-MM-DD")
        return pc.cast(values, pa.date32())
    return pc.cast(values, arrow_type_)


def arrow_table(name: str, resource: dict, schema: dict, header: list[str], rows: list[list[str]]) -> pa.Table:
    """Typed table for one resource, types from its Table Schema.

    Raises ValueError naming the row and field of the first cell that does not convert."""
    target = arrow_schema(name, resource, schema)
    width = len(header)
    if any(len(r) != width for r in rows):
        rows = [(r + [""] * width)[:width] for r in rows]
    columns = list(zip(*rows)) if rows else [()] * width
    index = {col: i for i, col in enumerate(header)}
    arrays = []
    for field, arrow_field in zip(schema["fields"], target):
        col = index.get(field["name"])
        texts = pa.array(columns[col] if col is not None else [""] * len(rows), pa.string())
        try:
            arrays.append(_typed_column(field, texts, arrow_field.type))
        except (ValueError, pa.ArrowException):
            for line, text in enumerate(texts.to_pylist(), start=2):  # slow path: find the cell
                try:
                    convert_cell(field, text)
                except ValueError as exc:
                    raise ValueError(f"row {line}, field {field['name']!r}: found {text!r}") from exc
            raise ValueError(f"field {field['name']!r}: a value that does not convert") from None
        if not arrow_field.nullable and arrays[-1].null_count:
            line = arrays[-1].is_null().to_pylist().index(True) + 2
            raise ValueError(f"row {line}, field {field['name']!r}: found ''") from ValueError("a value (the field is required)")
    return pa.Table.from_arrays(arrays, schema=target)


def parquet_bytes(table: pa.Table) -> bytes:
    """Deterministic Parquet encoding of a typed table."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd", compression_level=9, use_dictionary=True,
                   write_statistics=True, store_schema=True)
    return sink.getvalue().to_pybytes()


def parquet_path(csv_path: str) -> str:
    """data/events.csv -> data/parquet/events.parquet"""
    p = Path(csv_path)
    return str(p.parent / "parquet" / (p.stem + ".parquet"))


# ---------- ids ----------

def claim_id(resource: str, record_id: str, prop: str, value: str, source_id: str) -> str:
    """Content-derived claim id: stable across rebuilds, and readable (it names record and property)."""
    digest = hashlib.sha256("\x1f".join([resource, record_id, prop, value, source_id]).encode()).hexdigest()[:8]
    return f"clm-{record_id}-{prop.replace('_', '-')}-{digest}"


# ---------- files ----------

def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def json_bytes(data: dict) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


_UMASK = os.umask(0)
os.umask(_UMASK)


def commit_files(outputs: dict[Path, bytes], replace=os.replace) -> list[Path]:
    """Write every output or none: stage all to temporary files, then swap them in.

    If anything fails part-way, files already swapped are restored from their previous bytes,
    so a failed build leaves every earlier output byte-identical. Files whose bytes are
    unchanged are not touched. Returns the paths written."""
    changed = {p: b for p, b in outputs.items() if not (p.exists() and p.read_bytes() == b)}
    staged: dict[Path, str] = {}
    previous: dict[Path, bytes | None] = {p: (p.read_bytes() if p.exists() else None) for p in changed}
    done: list[Path] = []
    try:
        for path, data in changed.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
            staged[path] = tmp
        for path, tmp in staged.items():
            replace(tmp, path)
            done.append(path)
    except BaseException:
        for path in done:
            old = previous[path]
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)
        for tmp in staged.values():
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    return done
