"""TimelineJS files: the events as a sheet for Knight Lab's template and as TimelineJS's own JSON.

In: the descriptor and the typed events, claims and sources. Out: data/exports/timelinejs.csv (the
columns of today's Google Sheets template, in order: an "Alt Text" column stands between
"Media Thumbnail" and "Type" since December 2024) and data/exports/timeline.json (TimelineJS's JSON
format, which needs no Google Sheet). Both start with a title slide, then one slide per event,
earliest first, with unique_id = event_id.
A date fills only the parts it knows (a month-only event has a year and month, no day) and says so
in its display date. An event that starts and ends on the same day has no end date, so that no
slide ends before it starts (TimelineJS reads an end day without a time as its midnight).
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from event_timeline.exports.published import Published
from event_timeline.model.event_tree import in_focus
from event_timeline.model.partial_dates import date_label, precision_note
from event_timeline.model.table_schema import field_named

READS = ["events", "claims", "sources"]  # resources this export reads (exports.registry remembers its output by them)
LIBRARIES = ()
CSV_PATH = "data/exports/timelinejs.csv"
JSON_PATH = "data/exports/timeline.json"
COLUMNS = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
           "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Alt Text",
           "Type", "Group", "Background"]


def files(descriptor: dict) -> list[Published]:
    return [Published(CSV_PATH, "csv", "text/csv",
                      "The events in the columns of Knight Lab's TimelineJS Google Sheets template, for newsrooms."),
            Published(JSON_PATH, "json", "application/json",
                      "The events in TimelineJS's JSON format, for a timeline without a Google Sheet.")]


def date_parts(partial: str) -> list[str]:
    """'2024-05' -> ['2025', '11', '']: only the parts the date knows, without leading zeros."""
    parts = partial.split("-") if partial else []
    return [str(int(p)) for p in parts] + [""] * (3 - len(parts))


def display_date(start: str, end: str, inferred: str = "") -> str:
    """What a reader sees for a date TimelineJS would otherwise show more precisely than it is known, or whose
    parts were inferred (inferred: the label of events.inferred_date_parts, such as 'Year inferred')."""
    said = inferred[:1].lower() + inferred[1:]
    notes = [n for n in (precision_note(start), f"{said}: see the data package" if said else "") if n]
    if not start or not notes:
        return ""  # TimelineJS formats full dates itself
    return f"{date_label(start)} ({'; '.join(notes)})"


def slides(events: list[dict], claims: list[dict], sources: list[dict], parts_labels: dict[str, str]) -> list[dict]:
    """One slide per event a timeline of the package shows (model.event_tree.in_focus), earliest first: dates,
    time, texts and the publishers cited for it. parts_labels: {events.inferred_date_parts value: its label}."""
    publishers = {s["source_id"]: s["publisher"] for s in sources}
    cited: dict[str, set[str]] = {}
    for c in claims:
        if c["resource"] == "events":
            cited.setdefault(c["record_id"], set()).add(publishers.get(c["source_id"], c["source_id"]))
    out = []
    for e in sorted(in_focus(events), key=lambda e: (e["start"], e["start_time"] or "", e["event_id"])):
        end = e["end"] if e["end"] and e["end"] != e["start"] else ""
        out.append({"id": e["event_id"], "start": e["start"], "end": end, "time": e["start_time"] or "",
                    "display": display_date(e["start"], e["end"] or "", parts_labels.get(e.get("inferred_date_parts") or "", "")),
                    "headline": e["name"], "group": e["event_type"].replace("-", " "),
                    "text": e["description"] + " Sources: " + ", ".join(sorted(cited.get(e["event_id"], set()))) + "."})
    return out


def title_slide(descriptor: dict) -> dict:
    licence = ", ".join(l.get("name", "") for l in descriptor.get("licenses", []))
    return {"headline": descriptor.get("title", ""),
            "text": f"{descriptor.get('description', '')} Version {descriptor.get('version', '')}; data licence {licence}."}


def sheet(descriptor: dict, rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    title = title_slide(descriptor)
    writer.writerow([""] * 9 + [title["headline"], title["text"]] + [""] * 5 + ["title", "", ""])
    for s in rows:
        writer.writerow([*date_parts(s["start"]), s["time"], *date_parts(s["end"]), "", s["display"],
                         s["headline"], s["text"], "", "", "", "", "", "", s["group"], ""])
    return buffer.getvalue().encode("utf-8")


def json_date(partial: str, time: str = "") -> dict:
    """A TimelineJS date object with only the parts the date knows (year always; month, day, hour, minute if known)."""
    out = {name: int(value) for name, value in zip(("year", "month", "day"), partial.split("-"))}
    if time:
        out["hour"], out["minute"] = (int(v) for v in time.split(":"))
    return out


def timeline_json(descriptor: dict, rows: list[dict]) -> bytes:
    title = title_slide(descriptor)
    events = []
    for s in rows:
        slide = {"unique_id": s["id"], "start_date": json_date(s["start"], s["time"]),
                 "text": {"headline": s["headline"], "text": s["text"]}, "group": s["group"]}
        if s["end"]:
            slide["end_date"] = json_date(s["end"])
        if s["display"]:
            slide["display_date"] = s["display"]
        events.append(slide)
    return (json.dumps({"title": {"text": title}, "events": events}, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def render(pkg_dir: Path, descriptor: dict, tables: dict, typed: dict) -> dict:
    labels = {c["value"]: c["label"] for c in field_named(tables["events"].schema, "inferred_date_parts").get("categories", [])}
    rows = slides(typed["events"].to_pylist(), typed["claims"].to_pylist(), typed["sources"].to_pylist(), labels)
    return {CSV_PATH: sheet(descriptor, rows), JSON_PATH: timeline_json(descriptor, rows)}
