"""The SQLite edition and its Datasette metadata: generated from the schemas, complete, served."""
from __future__ import annotations

import asyncio
import csv
import json
import sqlite3

import pytest

from event_timeline.exports import sqlite as export_sqlite
from event_timeline.model.descriptor import load_tables
from conftest import ROOT
from event_timeline.model.table_schema import field_list

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
DATABASE = ROOT / export_sqlite.database_path(DESCRIPTOR)
METADATA = ROOT / "data" / "exports" / "datasette-metadata.json"
_, TABLES = load_tables(ROOT)


@pytest.fixture(scope="module")
def db():
    con = sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True)
    yield con
    con.close()


def csv_rows(name):
    with open(TABLES[name].path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", sorted(TABLES))
def test_each_table_has_the_schemas_columns_keys_and_every_row(db, name):
    schema = TABLES[name].schema
    info = db.execute(f'PRAGMA table_info("{name}")').fetchall()  # cid, name, type, notnull, default, pk
    assert [c[1] for c in info] == [f["name"] for f in schema["fields"]]
    assert [c[1] for c in sorted((c for c in info if c[5]), key=lambda c: c[5])] == schema["primaryKey"]
    types = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "object": "TEXT"}
    assert [c[2] for c in info] == [types[f["type"]] for f in schema["fields"]]
    assert [bool(c[3]) for c in info] == [bool(f.get("constraints", {}).get("required")) for f in schema["fields"]]
    declared = {(fk[3], fk[2], fk[4]) for fk in db.execute(f'PRAGMA foreign_key_list("{name}")')}
    wanted = {(field_list(fk["fields"])[0], fk["reference"].get("resource") or name,
               field_list(fk["reference"]["fields"])[0]) for fk in schema.get("foreignKeys", [])}
    assert declared == wanted
    indexed = {db.execute(f'PRAGMA index_info("{ix[1]}")').fetchone()[2] for ix in db.execute(f'PRAGMA index_list("{name}")')}
    assert {fields for fields, _, _ in wanted} <= indexed
    rows = csv_rows(name)
    assert db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(rows)
    key = schema["primaryKey"][0]
    assert [r[0] for r in db.execute(f'SELECT "{key}" FROM "{name}"')] == sorted(r[key] for r in rows)


def test_foreign_keys_hold_and_values_keep_their_meaning(db):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    row = db.execute("SELECT start, \"end\", start_time, dates_inferred, venue FROM events WHERE event_id = 'evt-first-plenary'").fetchone()
    assert row == ("2025-11", "2025-11", None, 1, None)  # partial dates as written; empty cells NULL; booleans 0/1
    assert db.execute("SELECT name_native FROM people WHERE person_id = 'per-kitrat-phanphet'").fetchone()[0] == "กิตติ์รัฐ พันธุ์เพ็ชร์"


def test_the_database_refuses_a_value_outside_a_vocabulary():
    con = sqlite3.connect(":memory:")
    con.execute(export_sqlite.create_table("themes", TABLES["themes"].schema))
    con.execute(export_sqlite.create_table("events", TABLES["events"].schema))
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        con.execute("INSERT INTO events (event_id, name, event_type, status, start, dates_inferred, description) "
                    "VALUES ('evt-x', 'X', 'party', 'took-place', '2025', 0, 'x')")


def test_datasette_serves_the_tables_with_the_generated_metadata():
    from datasette.app import Datasette

    async def fetch():
        ds = Datasette([str(DATABASE)], immutables=[], metadata=json.loads(METADATA.read_text(encoding="utf-8")))
        db_name = DESCRIPTOR["name"]
        events = await ds.client.get(f"/{db_name}/events.json?_shape=array&_size=max")
        chief = await ds.client.get(f"/{db_name}/organizations/org-royal-thai-police.json?_shape=array")
        meta = await ds.client.get("/-/metadata.json")
        participations = await ds.client.get(f"/{db_name}/participations.json?_shape=array&_labels=on&event_id=evt-opening-ceremony")
        return events, chief, meta, participations

    events, chief, meta, participations = asyncio.run(fetch())
    assert events.status_code == 200 and len(events.json()) == len(csv_rows("events"))
    assert chief.json()[0]["name"] == "Royal Thai Police"
    table_meta = meta.json()["databases"][DESCRIPTOR["name"]]["tables"]["events"]
    assert table_meta["description"] == next(r["description"] for r in DESCRIPTOR["resources"] if r["name"] == "events")
    assert table_meta["columns"]["start"] == next(f["description"] for f in TABLES["events"].schema["fields"] if f["name"] == "start")
    assert meta.json()["license"] == "CC-BY-4.0"
    labelled = {row["person_id"]["label"] for row in participations.json() if row["person_id"]}
    assert "Anutin Charnvirakul" in labelled  # foreign keys show names, by the label column


def test_the_readme_names_the_sqlite_version_that_wrote_the_database():
    number = int.from_bytes(DATABASE.read_bytes()[96:100], "big")  # SQLITE_VERSION_NUMBER in the file header
    version = f"{number // 1000000}.{number // 1000 % 1000}.{number % 1000}"
    assert f"written by SQLite {version}" in (ROOT / "README.md").read_text(encoding="utf-8")
