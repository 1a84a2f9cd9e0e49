"""What the landing page shows, assembled from the package: tables, claims, sources, the timeline
tree with honest date labels, downloads, the citation and the schema.org Dataset (JSON-LD).

In: the package directory, its descriptor and checked tables, the list of downloads (path, size,
sha256, mediatype) and the release's addresses (release.addresses). Out: plain dicts, ready to be
serialised into the page. Nothing here reaches the network; no address is made up: without a landing
page the Dataset has no url, without a DOI no identifier, and the downloads are relative links. The
Dataset follows the structured-data guidelines for datasets: one DataDownload per download (contentUrl,
encodingFormat), licence, creator, version, temporal and spatial coverage, the DOI as identifier, the
works it cites (its sources) as citation, and the rights on what it quotes as copyrightNotice.
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import yaml

from event_timeline.documents.archive_readme import rights_notes
from event_timeline.documents.figures import missing_numbers, runs_text
from event_timeline.exports.evidence import evidence_urls
from event_timeline.release.addresses import Addresses
from event_timeline.model.descriptor import load_tables, table_resources
from event_timeline.model.event_tree import in_focus, main_event
from event_timeline.model.partial_dates import date_label, partial_date_interval, precision_note
from event_timeline.model.table_schema import field_check, field_list, field_named

SHOWN = {  # the columns each browsable table shows, in order; the vocabulary column offered as a filter; the
    # columns of the default order (a reader's: events by date, the others by name). Titles, kinds and
    # value labels come from the schemas (columns()).
    "events": (["name", "event_type", "status", "start", "end", "start_time", "venue", "city", "country"], "event_type",
               ["start", "start_time", "name"]),
    "people": (["name", "name_native", "honorific", "country", "description"], "country", ["name"]),
    "organizations": (["name", "acronym", "organization_type", "country", "description"], "organization_type", ["name"]),
    "themes": (["name", "definition", "parent_theme_id"], None, ["name"]),
}
SERIES_VIEW = (["series_ordinal", "start", "end", "city", "country", "venue", "official_theme", "status"], "country",
               ["series_ordinal"])  # the columns of a series' table of events (its facet, its default order)
WITHDRAWN = "withdrawn"  # the register of ids that left the package (checks.withdrawn), when the package keeps one
WITHDRAWN_FIELDS = ["id", "resource", "last_release", "withdrawn_in", "reason", "replaced_by"]  # the page's old-id look-up
SOURCE_FIELDS = ["source_id", "label", "publisher", "url", "published", "published_basis", "language", "source_role", "checked"]


def series_views(tables: dict, schemas: dict) -> list[dict]:
    """For each series (the series table, when the package has one): its name and description, its events in
    the order of their numbers, the numbers no source places (as text: '2, 3, 6–16'), and the columns its
    table shows, from the events' schema."""
    out = []
    cols, facet, order = SERIES_VIEW
    for s in tables.get("series", []):
        members = [e for e in tables["events"] if e.get("series_id") == s["series_id"]]
        members.sort(key=lambda e: int(e["series_ordinal"]))
        held = {int(e["series_ordinal"]) for e in members}
        out.append({"id": s["series_id"], "name": s["name"], "description": s["description"],
                    "events": [e["event_id"] for e in members], "placed": len(members),
                    "missing": runs_text(missing_numbers(held)),
                    "columns": columns(schemas["events"], cols),
                    "facet": facet, "order": order})
    return out


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def when_label(start: str, end: str, time: str = "", inferred: str = "") -> str:
    """What a reader sees for an event's dates: only as precise as the data, and saying so. inferred names the
    parts worked out rather than printed (the label of events.inferred_date_parts, such as 'Year inferred')."""
    if not start:
        return "date not known"
    label = date_label(start) + (f" to {date_label(end)}" if end and end != start else "")
    label += f", {time}" if time else ""
    notes = [precision_note(start), "" if end else "no end reported", inferred[:1].lower() + inferred[1:]]
    notes = [n for n in notes if n]
    return label + (f" ({'; '.join(notes)})" if notes else "")


def timeline(events: list[dict], parts_labels: dict[str, str]) -> list[dict]:
    """Events as a tree (children under their parent). At each level the events dated to the day come in order
    of start, then name; those known only to a month (or a year) are gathered in a group of their own, placed
    after everything dated inside that month (or year), rather than sorted before its first day. A group is
    {"group": label, "children": [...]}; parts_labels maps events.inferred_date_parts to its labels."""
    children: dict[str, list[dict]] = {}
    for e in events:
        children.setdefault(e["parent_event_id"], []).append(e)

    def node(e: dict) -> dict:
        return {"id": e["event_id"], "precise": len(e["start"]) == 10, "children": level(children.get(e["event_id"], [])),
                "when": when_label(e["start"], e["end"], e["start_time"], parts_labels.get(e["inferred_date_parts"], ""))}

    def level(rows: list[dict]) -> list[dict]:
        items: list[tuple[tuple, dict]] = []
        vague: dict[str, list[dict]] = {}
        for e in rows:
            if e["start"] and len(e["start"]) < 10:
                vague.setdefault(e["start"], []).append(e)
            else:
                items.append(((partial_date_interval(e["start"])[0] if e["start"] else dt.date.max, 0, e["start_time"], e["name"]), node(e)))
        for period, members in vague.items():
            group = {"group": f"{date_label(period)}: {precision_note(period)}",
                     "children": [node(e) for e in sorted(members, key=lambda e: e["name"])]}
            items.append(((partial_date_interval(period)[1], 1, "", ""), group))
        return [item for _, item in sorted(items, key=lambda pair: pair[0])]
    return level(children.get("", []))


def columnar(rows: list[dict], fields: list[str] | None = None) -> dict:
    """{'fields': [...], 'columns': [...]}: one list per field, in the order of fields (default: every column of
    the rows). A column whose values repeat (fewer distinct values than half its length) is stored as
    {'values': [distinct values], 'codes': [index of each row's value]}: the page weighs a fraction of a list of
    objects, and the page's script (objects()) reads both forms."""
    fields = fields if fields is not None else (list(rows[0]) if rows else [])
    columns = []
    for f in fields:
        column = [r.get(f, "") for r in rows]
        distinct = list(dict.fromkeys(column))
        if len(distinct) * 2 < len(column):
            at = {v: i for i, v in enumerate(distinct)}
            columns.append({"values": distinct, "codes": [at[v] for v in column]})
        else:
            columns.append(column)
    return {"fields": fields, "columns": columns}


def with_evidence(claims: list[dict], sources: list[dict]) -> tuple[dict, list[str]]:
    """The claims, columnar, with one more field, evidence: an index into the list of distinct URL
    fragments returned beside them (many claims share a passage). A claim's evidence link is its
    source's url followed by that fragment."""
    links = evidence_urls(claims, sources)
    address = {s["source_id"]: s["url"] for s in sources}
    fragments: list[str] = []
    index: dict[str, int] = {}
    rows = []
    for c in claims:
        fragment = links[c["claim_id"]][len(address[c["source_id"]]):]
        if fragment not in index:
            index[fragment] = len(fragments)
            fragments.append(fragment)
        rows.append({**c, "evidence": index[fragment]})
    return columnar(rows), fragments


def is_date(field: dict) -> bool:
    """A field the page says as a date: a partial date (YYYY, YYYY-MM or YYYY-MM-DD) or a full one."""
    return field_check(field) == "partial-date" or field.get("type") == "date"


def columns(schema: dict, names: list[str]) -> list[dict]:
    """What the page needs to know of each shown column, from its Table Schema: title, kind (a partial date
    sorts by time; a reference shows the name of what it refers to) and the labels of its vocabulary."""
    fields = {f["name"]: f for f in schema["fields"]}
    references = {field_list(fk["fields"])[0] for fk in schema.get("foreignKeys", [])}
    out = []
    for name in names:
        f = fields[name]
        kind = "date" if is_date(f) else "reference" if name in references else "text"
        out.append({"name": name, "title": f.get("title", name), "kind": kind, "labels": category_labels(f)})
    return out


def category_labels(field: dict) -> dict[str, str]:
    """{value: label} of a field's vocabulary (Data Package v2 categories), or {}."""
    return {c["value"]: c["label"] for c in field.get("categories", []) if isinstance(c, dict) and c.get("label")}


def date_texts(schemas: dict, tables: dict) -> dict[str, dict]:
    """Every partial date the page shows (in the tables' date fields and in the claims about them): its
    label, said as precisely as it is known, and the first and last day it can mean (as ordinals), by
    which the page sorts."""
    values = set()
    date_fields = {name: [f["name"] for f in schema["fields"] if is_date(f)] for name, schema in schemas.items()}
    for name, rows in tables.items():
        values |= {r[f] for r in rows for f in date_fields.get(name, []) if r[f]}
    values |= {c["value"] for c in tables.get("claims", []) if c["value"] and c["property"] in date_fields.get(c["resource"], [])}
    out = {}
    for value in sorted(values):
        first, last = partial_date_interval(value)
        note = precision_note(value)
        out[value] = {"label": date_label(value) + (f" ({note})" if note else ""), "first": first.toordinal(), "last": last.toordinal()}
    return out


def citation(pkg_dir: Path, addresses: Addresses) -> dict:
    """How to cite this version: from CITATION.cff (which the build makes from the descriptor), with this
    version's DOI when it has one, else the DOI of every version, else the landing page."""
    cff = yaml.safe_load((pkg_dir / "CITATION.cff").read_text(encoding="utf-8"))
    authors = ", ".join(a.get("name") or " ".join(filter(None, [a.get("given-names"), a.get("family-names")])) for a in cff.get("authors", []))
    year = str(cff.get("date-released", ""))[:4]
    text = f"{authors} ({year}). {cff.get('title')}. Version {cff.get('version')}. Data {cff.get('license')}."
    doi = addresses.doi or addresses.concept_doi or cff.get("doi")
    if doi:
        text += f" {Addresses.doi_url(doi)}"
    elif addresses.landing_page or cff.get("url"):
        text += f" {addresses.landing_page or cff['url']}"
    return {"text": text, "authors": authors, "title": cff.get("title"), "version": str(cff.get("version")),
            "date": str(cff.get("date-released", "")), "licence": cff.get("license"), "doi": doi or ""}


def cited_works(sources: list[dict]) -> list[dict]:
    """The works the dataset cites (its sources), as schema.org CreativeWorks."""
    return [{"@type": "CreativeWork", "name": s.get("label", s["source_id"]), "url": s["url"],
             "publisher": {"@type": "Organization", "name": s["publisher"]}, "inLanguage": s.get("language") or None}
            for s in sources if s.get("url")]


def dataset_jsonld(descriptor: dict, tables: dict, cite: dict, downloads: list[dict], addresses: Addresses) -> dict:
    """schema.org Dataset for dataset search engines; url only with a landing page, identifier only with a DOI."""
    events = tables["events"]
    starts = sorted(e["start"] for e in events if e["start"])
    ends = sorted((e["end"] or e["start"]) for e in events if e["start"])
    main_id = main_event(events)  # where the package happened
    conference = next((e for e in events if e["event_id"] == main_id and e["city"]), None)
    licence = (descriptor.get("licenses") or [{}])[0]
    notice = " ".join(f"{note}." for note in rights_notes(descriptor))
    out = {
        "@context": "https://schema.org/", "@type": "Dataset",
        "name": descriptor.get("title"), "description": descriptor.get("description"),
        "license": licence.get("path") or licence.get("name"), "version": descriptor.get("version"),
        "creator": [{"@type": "Organization", "name": c.get("title")} for c in descriptor.get("contributors", [])
                    if "creator" in c.get("roles", [])],
        "keywords": descriptor.get("keywords", []),
        "temporalCoverage": f"{starts[0]}/{ends[-1]}" if starts else None,
        "spatialCoverage": {"@type": "Place", "name": f"{conference['city']}, {conference['country']}"} if conference else None,
        "datePublished": cite["date"] or None, "isAccessibleForFree": True,
        "copyrightNotice": notice or None,
        "citation": cited_works(tables.get("sources", [])) or None,
        "distribution": [{"@type": "DataDownload", "name": d["name"], "contentUrl": d["url"], "encodingFormat": d["mediatype"],
                          "contentSize": f"{d['bytes']} B", "sha256": d["sha256"]} for d in downloads],
    }
    if addresses.landing_page:
        out["url"] = addresses.landing_page
    doi = addresses.doi or addresses.concept_doi
    if doi:
        out["identifier"] = Addresses.doi_url(doi)
    return {k: v for k, v in out.items() if v is not None}


def page_data(pkg_dir: Path, descriptor: dict, downloads: list[dict], addresses: Addresses) -> dict:
    tables = {r["name"]: read_rows(pkg_dir / r["path"]) for r in table_resources(descriptor)}
    schemas = {name: spec.schema for name, spec in load_tables(pkg_dir)[1].items()}
    cite = citation(pkg_dir, addresses)
    resources = {r["name"]: r for r in descriptor["resources"]}
    claims, fragments = with_evidence(tables["claims"], tables["sources"])
    return {
        "title": descriptor.get("title"), "description": descriptor.get("description"), "version": descriptor.get("version"),
        "licence": (descriptor.get("licenses") or [{}])[0], "draft": addresses.draft, "citation": cite,
        "rights": rights_notes(descriptor),
        "shown": {name: {"columns": columns(schemas[name], cols), "facet": facet, "order": order,
                         "title": resources[name].get("title", name), "description": resources[name].get("description", "")}
                  for name, (cols, facet, order) in SHOWN.items()},
        "keys": {name: field_list(schema["primaryKey"])[0] for name, schema in schemas.items()},
        "titles": {name: {f["name"]: f.get("title", f["name"]) for f in schema["fields"]} for name, schema in schemas.items()},
        "labels": {name: {f["name"]: category_labels(f) for f in schema["fields"] if category_labels(f)} for name, schema in schemas.items()},
        "dates": date_texts(schemas, tables),
        "date_fields": {name: [f["name"] for f in schema["fields"] if is_date(f)] for name, schema in schemas.items()},
        "tables": {name: columnar(rows) for name, rows in tables.items() if name not in ("claims", "sources", WITHDRAWN)},
        "withdrawn": columnar(tables[WITHDRAWN], WITHDRAWN_FIELDS) if WITHDRAWN in tables else None,
        "claims": claims, "fragments": fragments,
        "sources": columnar(tables["sources"], SOURCE_FIELDS),
        "series": series_views(tables, schemas),
        "timeline": timeline(in_focus(tables["events"]), category_labels(field_named(schemas["events"], "inferred_date_parts"))),
        "downloads": downloads,
        "jsonld": dataset_jsonld(descriptor, tables, cite, downloads, addresses),
    }
