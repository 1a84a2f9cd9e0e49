"""Typed Arrow tables and Parquet bytes, derived from the Table Schemas.

In: a resource, its Table Schema and its cells as Arrow strings (from model.csv_cells). Out: an Arrow
schema (types, nullability, descriptions from the Table Schema), the typed table, or every cell
that does not convert, as Problems; and deterministic Parquet bytes of a typed table.
Types: string -> string, or dictionary<int32, string> when the field has an enum; integer -> int64;
number -> float64; boolean -> bool; date -> date32. An empty cell is null.
"""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from event_timeline.problems import Problem
from event_timeline.model.table_schema import enum_of, field_check, is_required

TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


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


def cell_expectation(field: dict, text: str) -> str:
    """'' when one CSV cell converts to the field's type, else what was expected."""
    if text == "":
        return "a value (the field is required)" if is_required(field) else ""
    kind = field.get("type", "string")
    try:
        if kind == "integer":
            int(text)
        elif kind == "number":
            float(text)
        elif kind == "date":
            if len(text) != 10:
                return "a full date YYYY-MM-DD"
            dt.date.fromisoformat(text)
    except ValueError:
        return {"integer": "a whole number", "number": "a number", "date": "a real calendar date YYYY-MM-DD"}[kind]
    if kind == "boolean" and text not in field.get("trueValues", TRUE_VALUES) + field.get("falseValues", FALSE_VALUES):
        return "true or false"
    if enum_of(field) and text not in enum_of(field):
        return "one of " + ", ".join(enum_of(field))
    return ""


def _typed_column(field: dict, texts: pa.ChunkedArray, target: pa.DataType) -> pa.Array:
    """Vectorised conversion of one column of CSV text (empty text is null). Raises on a bad cell."""
    texts = texts.combine_chunks() if isinstance(texts, pa.ChunkedArray) else texts
    empty = pc.equal(texts, "")
    values = pc.if_else(empty, pa.scalar(None, pa.string()), texts)
    kind = field.get("type", "string")
    if pa.types.is_dictionary(target):
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
    return pc.cast(values, target)


def typed_table(name: str, file: str, resource: dict, schema: dict, cells: pa.Table) -> tuple[pa.Table | None, list[Problem]]:
    """The typed table for one resource, or None and one Problem for every cell that does not convert
    (a required cell left empty, a value outside the enum, a malformed date, boolean or number)."""
    target = arrow_schema(name, resource, schema)
    arrays, problems = [], []
    for field, arrow_field in zip(schema["fields"], target):
        texts = cells.column(field["name"])
        try:
            array = _typed_column(field, texts, arrow_field.type)
            if not arrow_field.nullable and array.null_count:
                raise ValueError("required cell empty")
            arrays.append(array)
        except (ValueError, pa.ArrowException):
            for line, text in enumerate(texts.to_pylist(), start=2):  # slow path: find every bad cell
                expected = cell_expectation(field, text)
                if expected:
                    problems.append(Problem(file, line, field["name"], text, expected))
            if not problems or problems[-1].field != field["name"]:
                problems.append(Problem(file, field=field["name"], expected=f"values that convert to {arrow_field.type}"))
    if problems:
        return None, problems
    return pa.Table.from_arrays(arrays, schema=target), []


def parquet_bytes(table: pa.Table) -> bytes:
    """Deterministic Parquet encoding of a typed table."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd", compression_level=9, use_dictionary=True,
                   write_statistics=True, store_schema=True)
    return sink.getvalue().to_pybytes()
