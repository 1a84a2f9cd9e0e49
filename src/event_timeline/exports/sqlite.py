"""SQLite edition of the package, generated from the descriptor and the Table Schemas.

In: the descriptor, the checked tables (with their schemas) and the typed Arrow tables. Out:
data/exports/<name>.sqlite: one table per CSV resource, named as the resource; SQL types from the
field types (string, date -> TEXT as written; integer -> INTEGER; number -> REAL; boolean -> INTEGER
0/1); NOT NULL for required fields; CHECK for enums and booleans; the primary key; UNIQUE for the
schema's uniqueKeys; REFERENCES for
every foreign key; an index on every foreign-key column; an empty optional cell is NULL. Beside
them, derived from claims and sources: the table claim_evidence (each claim's evidence link, which
Datasette shows as a link) and the view claims_with_evidence (every claim with its link).
Byte-reproducible for one SQLite version (the file header records it): rollback journal, 4096-byte
pages, rows inserted in primary-key order, then VACUUM. Refuses (ValueError) a database whose
PRAGMA foreign_key_check is not clean.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from pathlib import Path

from event_timeline.exports.evidence import EVIDENCE_FIELD, evidence_urls
from event_timeline.exports.published import Published
from event_timeline.model.table_schema import field_list

READS = None  # every resource (exports.registry remembers its output by them)
LIBRARIES = ()
ENGINE_VERSIONS = {"sqlite": sqlite3.sqlite_version}  # the file's bytes depend on it
SQLITE_MEDIATYPE = "application/vnd.sqlite3"
SQL_TYPES = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "object": "TEXT"}
EVIDENCE_TABLE, EVIDENCE_VIEW = "claim_evidence", "claims_with_evidence"


def database_path(descriptor: dict) -> str:
    return f"data/exports/{descriptor['name']}.sqlite"


def files(descriptor: dict) -> list[Published]:
    return [Published(database_path(descriptor), "sqlite", SQLITE_MEDIATYPE,
                      "SQLite edition of every table, with keys, foreign keys, indexes and each claim's evidence link; "
                      "serve it with Datasette.",
                      "the SQLite library that writes it (its file header records the version; the rows do not change)")]


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def create_table(name: str, schema: dict) -> str:
    """CREATE TABLE for one resource, from its Table Schema."""
    lines = []
    for f in schema["fields"]:
        column = f"{quoted(f['name'])} {SQL_TYPES.get(f.get('type', 'string'), 'TEXT')}"
        constraints = f.get("constraints", {})
        if constraints.get("required"):
            column += " NOT NULL"
        if "enum" in constraints:
            column += f" CHECK ({quoted(f['name'])} IN ({', '.join(literal(str(v)) for v in constraints['enum'])}))"
        if f.get("type") == "boolean":
            column += f" CHECK ({quoted(f['name'])} IN (0, 1))"
        lines.append(column)
    lines.append(f"PRIMARY KEY ({', '.join(quoted(k) for k in field_list(schema['primaryKey']))})")
    for unique in schema.get("uniqueKeys", []):
        lines.append(f"UNIQUE ({', '.join(quoted(k) for k in field_list(unique))})")
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"].get("resource") or name  # "" is the resource itself
        lines.append(f"FOREIGN KEY ({', '.join(quoted(k) for k in field_list(fk['fields']))}) REFERENCES "
                     f"{quoted(target)} ({', '.join(quoted(k) for k in field_list(fk['reference']['fields']))})")
    return f"CREATE TABLE {quoted(name)} (\n  " + ",\n  ".join(lines) + "\n)"


def create_indexes(name: str, schema: dict) -> list[str]:
    """One index per foreign key, on its columns."""
    out = []
    for fk in schema.get("foreignKeys", []):
        columns = field_list(fk["fields"])
        out.append(f"CREATE INDEX {quoted(f'idx_{name}_' + '_'.join(columns))} ON {quoted(name)} "
                   f"({', '.join(quoted(c) for c in columns)})")
    return out


def sql_value(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def rows_in_key_order(schema: dict, table) -> list[tuple]:
    names = [f["name"] for f in schema["fields"]]
    columns = [table.column(n).to_pylist() for n in names]
    rows = [tuple(sql_value(v) for v in row) for row in zip(*columns)]
    key = [names.index(k) for k in field_list(schema["primaryKey"])]
    return sorted(rows, key=lambda r: tuple("" if r[i] is None else str(r[i]) for i in key))


def add_evidence(con: sqlite3.Connection, typed: dict) -> None:
    """The claim_evidence table (claim_id, evidence_url), in claim_id order, and the view that joins it to claims."""
    links = evidence_urls(typed["claims"].to_pylist(), typed["sources"].to_pylist())
    con.execute(f"CREATE TABLE {quoted(EVIDENCE_TABLE)} (\n  \"claim_id\" TEXT NOT NULL,\n  {quoted(EVIDENCE_FIELD)} TEXT NOT NULL,\n"
                f"  PRIMARY KEY (\"claim_id\"),\n  FOREIGN KEY (\"claim_id\") REFERENCES \"claims\" (\"claim_id\")\n)")
    con.executemany(f"INSERT INTO {quoted(EVIDENCE_TABLE)} VALUES (?, ?)", sorted(links.items()))
    con.execute(f"CREATE VIEW {quoted(EVIDENCE_VIEW)} AS SELECT c.*, e.{quoted(EVIDENCE_FIELD)} FROM \"claims\" c "
                f"JOIN {quoted(EVIDENCE_TABLE)} e USING (\"claim_id\") ORDER BY c.\"claim_id\"")


def database_bytes(schemas: dict[str, dict], typed: dict) -> bytes:
    """The database of these resources (name -> Table Schema; name -> typed Arrow table), as bytes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "package.sqlite"
        con = sqlite3.connect(path, isolation_level=None)
        try:
            con.execute("PRAGMA page_size = 4096")
            con.execute("PRAGMA journal_mode = DELETE")
            con.execute("BEGIN")
            for name, schema in schemas.items():
                con.execute(create_table(name, schema))
                placeholders = ", ".join("?" for _ in schema["fields"])
                con.executemany(f"INSERT INTO {quoted(name)} VALUES ({placeholders})", rows_in_key_order(schema, typed[name]))
            for name, schema in schemas.items():
                for statement in create_indexes(name, schema):
                    con.execute(statement)
            if "claims" in typed and "sources" in typed:
                add_evidence(con, typed)
            con.execute("COMMIT")
            dangling = con.execute("PRAGMA foreign_key_check").fetchall()
            if dangling:
                raise ValueError(f"SQLite foreign_key_check found {len(dangling)} dangling reference(s): {dangling[:5]}")
            con.execute("VACUUM")
        finally:
            con.close()
        return path.read_bytes()


def render(pkg_dir: Path, descriptor: dict, tables: dict, typed: dict) -> dict:
    schemas = {name: tables[name].schema for name in typed}
    return {database_path(descriptor): database_bytes(schemas, typed)}


def content_digest(data: bytes) -> str:
    """SHA-256 of the database's content (its SQL dump: every table's definition and rows), which does not
    depend on the SQLite library that wrote the file: two builds with the same rows give the same digest."""
    import hashlib

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "package.sqlite"
        path.write_bytes(data)
        con = sqlite3.connect(path)
        try:
            dump = "\n".join(con.iterdump())
        finally:
            con.close()
    return hashlib.sha256(dump.encode("utf-8")).hexdigest()
