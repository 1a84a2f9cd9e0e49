"""TimelineJS sheet: the events in the Knight Lab TimelineJS template columns.

In: typed events, claims and sources tables. Out: data/exports/timelinejs.csv, one row per event,
ready to paste into the TimelineJS Google Sheets template. Partial dates fill only the columns they
know (a month-only event has Year and Month, no Day) and say so in Display Date.
"""
from __future__ import annotations

import calendar
import csv
import io
from pathlib import Path

COLUMNS = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
           "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background"]


def date_columns(partial: str) -> list[str]:
    """'2025-11' -> ['2025', '11', '']: only the parts the date knows, without leading zeros."""
    parts = partial.split("-") if partial else []
    return [str(int(p)) for p in parts] + [""] * (3 - len(parts))


def display_date(start: str, end: str, inferred: bool = False) -> str:
    if inferred:
        return f"{start} (date inferred; see the data package)"
    if len(start) == 10:
        return ""  # TimelineJS formats full dates itself
    if len(start) == 7:
        year, month = start.split("-")
        return f"{calendar.month_name[int(month)]} {year} (day not reported)"
    return f"{start} (month not reported)" if start else ""


def rows(events: list[dict], claims: list[dict], sources: list[dict]) -> list[list[str]]:
    publishers = {s["source_id"]: s["publisher"] for s in sources}
    cited: dict[str, set[str]] = {}
    for c in claims:
        if c["resource"] == "events":
            cited.setdefault(c["record_id"], set()).add(publishers.get(c["source_id"], c["source_id"]))
    out = []
    for e in sorted(events, key=lambda e: (e["start"], e["start_time"] or "", e["event_id"])):
        start, end = date_columns(e["start"]), date_columns(e["end"] or "")
        text = e["description"] + " Sources: " + ", ".join(sorted(cited.get(e["event_id"], set()))) + "."
        out.append([*start, e["start_time"] or "", *end, "", display_date(e["start"], e["end"] or "", e["dates_inferred"]),
                    e["name"], text, "", "", "", "", "", e["event_type"].replace("-", " "), ""])
    return out


def render(pkg_dir: Path, descriptor: dict, tables: dict, typed: dict) -> dict:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(typed["events"].to_pylist(), typed["claims"].to_pylist(), typed["sources"].to_pylist()))
    return {"data/exports/timelinejs.csv": (buffer.getvalue().encode("utf-8"), "csv", "text/csv",
                                            "The events in Knight Lab TimelineJS template columns, for newsrooms.")}
