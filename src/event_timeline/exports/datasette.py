"""Datasette metadata for the SQLite edition, generated from the descriptor and the Table Schemas.

In: the descriptor and the checked tables (with their schemas). Out: data/exports/datasette-metadata.json:
title, description, licence and source of the package; per table its title, description, column
descriptions, the column that labels its rows where it has one (so foreign keys show names), its
sort order (the primary key) and facets on its vocabulary columns (enums). Serve with
`datasette serve -i <name>.sqlite -m datasette-metadata.json` (make serve does).
"""
from __future__ import annotations

import json
from pathlib import Path

from event_timeline.exports.evidence import EVIDENCE_DESCRIPTION, EVIDENCE_FIELD
from event_timeline.exports.published import Published
from event_timeline.exports.sqlite import EVIDENCE_TABLE, EVIDENCE_VIEW
from event_timeline.model.table_schema import field_list

READS = None
LIBRARIES = ()
METADATA_PATH = "data/exports/datasette-metadata.json"
LABEL_COLUMNS = ("name", "label", "title")  # the first of these a table has labels its rows


def files(descriptor: dict) -> list[Published]:
    return [Published(METADATA_PATH, "json", "application/json",
                      "Datasette metadata for the SQLite edition: titles, descriptions, labels, facets.")]


def metadata(descriptor: dict, tables: dict) -> dict:
    licence = (descriptor.get("licenses") or [{}])[0]
    db_tables = {}
    for resource in descriptor["resources"]:
        name = resource["name"]
        if name not in tables:
            continue
        schema = tables[name].schema
        fields = [f["name"] for f in schema["fields"]]
        entry = {"title": resource.get("title", name), "description": resource.get("description", ""),
                 "columns": {f["name"]: f.get("description", "") for f in schema["fields"]},
                 "sort": field_list(schema["primaryKey"])[0],
                 "facets": [f["name"] for f in schema["fields"] if "enum" in f.get("constraints", {})]}
        label = next((c for c in LABEL_COLUMNS if c in fields), None)
        if label:
            entry["label_column"] = label
        db_tables[name] = entry
    if "claims" in db_tables:
        db_tables[EVIDENCE_TABLE] = {"title": "Evidence links", "columns": {"claim_id": "The claim.", EVIDENCE_FIELD: EVIDENCE_DESCRIPTION},
                                     "description": "Derived: each claim's evidence link, which opens its source at its quote."}
        db_tables[EVIDENCE_VIEW] = {"title": "Claims with their evidence links",
                                    "description": "Every claim with its evidence link: select a link to open the source at the quoted words.",
                                    "columns": {**db_tables["claims"]["columns"], EVIDENCE_FIELD: EVIDENCE_DESCRIPTION},
                                    "facets": db_tables["claims"]["facets"]}
    out = {"title": descriptor.get("title", ""), "description": descriptor.get("description", ""),
           "license": licence.get("name", ""), "license_url": licence.get("path", ""),
           "source": f"{descriptor.get('title', '')}, version {descriptor.get('version', '')}",
           "databases": {descriptor["name"]: {"tables": db_tables}}}
    if descriptor.get("homepage"):
        out["source_url"] = descriptor["homepage"]
    return out


def render(pkg_dir: Path, descriptor: dict, tables: dict, typed: dict) -> dict:
    data = (json.dumps(metadata(descriptor, tables), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return {METADATA_PATH: data}
