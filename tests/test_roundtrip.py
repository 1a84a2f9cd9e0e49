"""Users' tools: CSV and Parquet give the same typed values in pandas; DuckDB reads and joins the Parquet."""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from event_timeline.model.descriptor import load_tables
from conftest import ROOT

_, TABLES = load_tables(ROOT)


def parquet_of(name):
    return ROOT / "data" / "parquet" / f"{name}.parquet"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_parquet_and_csv_hold_the_same_values(name):
    t = TABLES[name]
    from_csv = pd.read_csv(t.path, dtype=str, keep_default_na=False)
    from_parquet = pd.read_parquet(parquet_of(name), dtype_backend="numpy_nullable")  # whole numbers stay whole where cells are empty
    assert list(from_parquet.columns) == [f["name"] for f in t.schema["fields"]]
    assert from_parquet.index.equals(pd.RangeIndex(len(from_csv)))  # no stored pandas index
    for field in t.schema["fields"]:
        col = field["name"]
        as_text = from_parquet[col].astype(object).map(lambda v: "" if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v))
                                                       else ("true" if v is True else "false" if v is False else str(v)))
        assert as_text.tolist() == from_csv[col].tolist(), f"{name}.{col}"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_parquet_types_follow_the_schema(name):
    schema = pq.read_schema(parquet_of(name))
    df = pd.read_parquet(parquet_of(name))
    for field in TABLES[name].schema["fields"]:
        arrow_field = schema.field(field["name"])
        assert arrow_field.metadata[b"description"].decode() == field["description"]
        assert arrow_field.nullable == (not (field.get("constraints") or {}).get("required", False))
        if (field.get("constraints") or {}).get("enum"):
            assert isinstance(df[field["name"]].dtype, pd.CategoricalDtype)
            assert list(df[field["name"]].cat.categories) == field["constraints"]["enum"]
        elif field["type"] == "boolean":
            assert df[field["name"]].dtype == bool
        elif field["type"] == "integer":
            assert str(arrow_field.type) == "int64"
        elif field["type"] == "date":
            assert str(arrow_field.type) == "date32[day]"
            assert all(v is None or isinstance(v, dt.date) for v in df[field["name"]])
        else:
            assert str(arrow_field.type) == "string"


def test_partial_dates_stay_strings_not_invented_days():
    events = pd.read_parquet(parquet_of("events"))
    plenary = events.set_index("event_id").loc["evt-first-plenary"]
    assert plenary["start"] == "2025-11"


def test_duckdb_reads_every_parquet_file_and_the_foreign_keys_join():
    con = duckdb.connect()
    for name in TABLES:
        con.execute(f"create view {name} as select * from read_parquet('{parquet_of(name).as_posix()}')")
        assert con.execute(f"select count(*) from {name}").fetchone()[0] > 0
    for t in TABLES.values():
        child = t.resource["name"]
        for fk in t.schema.get("foreignKeys", []):
            parent = fk["reference"].get("resource") or child
            col, key = fk["fields"][0], fk["reference"]["fields"][0]
            orphans = con.execute(f"select count(*) from {child} c left join {parent} p on c.{col} = p.{key} "
                                  f"where c.{col} is not null and p.{key} is null").fetchone()[0]
            assert orphans == 0, f"{child}.{col} -> {parent}.{key}"
    keys = " union all ".join(f"select {t.schema['primaryKey'][0]} from {name}" for name, t in TABLES.items()
                              if name not in ("claims", "sources", "withdrawn"))
    unknown = con.execute(f"select count(*) from claims c where c.record_id not in ({keys})").fetchone()[0]
    assert unknown == 0
