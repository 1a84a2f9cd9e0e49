"""The exports a user opens: the workbook round-trips every cell; the TimelineJS sheet has today's
template columns, a title slide and no slide that ends before it starts; timeline.json is TimelineJS's
format; the figure draws every event; and awkward text never breaks an exporter."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import openpyxl
import pyarrow as pa
import pytest

from event_timeline.exports import figure as draw_timeline
from event_timeline.exports import timelinejs as export_timelinejs
from event_timeline.exports import registry as exports
from event_timeline.checks.context import context
from event_timeline.model.descriptor import load_tables
from event_timeline.model.event_tree import in_focus
from conftest import ROOT

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
# Knight Lab's Google Sheets template, in order (an "Alt Text" column came in December 2024)
TEMPLATE = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
            "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Alt Text",
            "Type", "Group", "Background"]


def read_records(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


EVENTS = in_focus(read_records(ROOT / "data" / "events.csv"))  # what a timeline shows: of the series, the 43rd's neighbours


def test_workbook_round_trips_every_cell():
    _, tables = load_tables(ROOT)
    book = openpyxl.load_workbook(ROOT / "data" / "exports" / f"{DESCRIPTOR['name']}.xlsx")
    assert book.sheetnames == ["README", *tables]
    assert book["README"]["B2"].value == DESCRIPTOR["version"]
    for name, t in tables.items():
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        rows = list(sheet.iter_rows(values_only=True))
        with open(t.path, encoding="utf-8", newline="") as fh:
            expected = list(csv.reader(fh))
        if name == "claims":  # then the derived evidence link (test_text_fragment.py checks it)
            assert rows[0][-1] == "evidence_url"
            rows = [row[:-1] for row in rows]
        assert list(rows[0]) == expected[0]
        assert len(rows) == len(expected)
        for got, want in zip(rows[1:], expected[1:]):
            as_text = ["" if v is None else v.date().isoformat() if isinstance(v, dt.datetime)
                       else ("true" if v else "false") if isinstance(v, bool) else str(v) for v in got]
            assert as_text == want


def timelinejs_rows():
    return list(csv.DictReader(io.StringIO((ROOT / export_timelinejs.CSV_PATH).read_text(encoding="utf-8"))))


def as_timelinejs_reads(year: str, month: str, day: str, time: str) -> dt.datetime:
    """A sheet date as TimelineJS places it: missing month or day is the first, missing time is midnight."""
    hour, minute = (int(v) for v in time.split(":")) if time else (0, 0)
    return dt.datetime(int(year), int(month or 1), int(day or 1), hour, minute)


def test_timelinejs_sheet_has_the_templates_columns_and_a_title_slide():
    text = (ROOT / export_timelinejs.CSV_PATH).read_text(encoding="utf-8")
    assert text.splitlines()[0].split(",") == TEMPLATE
    rows = timelinejs_rows()
    assert rows[0]["Type"] == "title" and rows[0]["Headline"] == DESCRIPTOR["title"]
    assert [r["Type"] for r in rows[1:]] == [""] * len(EVENTS)


def test_no_timelinejs_slide_ends_before_it_starts():
    for r in timelinejs_rows()[1:]:
        if r["End Year"]:
            start = as_timelinejs_reads(r["Year"], r["Month"], r["Day"], r["Time"])
            end = as_timelinejs_reads(r["End Year"], r["End Month"], r["End Day"], r["End Time"])
            assert end >= start, r["Headline"]


def test_timelinejs_sheet_fills_only_the_date_parts_it_knows():
    rows = {r["Headline"]: r for r in timelinejs_rows()[1:]}
    plenary = rows["First plenary session"]
    assert (plenary["Year"], plenary["Month"], plenary["Day"]) == ("2025", "11", "")
    assert "day not reported" in plenary["Display Date"]
    opening = rows["Opening ceremony"]
    assert (opening["Year"], opening["Month"], opening["Day"]) == ("2025", "11", "4")
    planned = rows["44th ASEANAPOL Conference"]
    assert (planned["Year"], planned["Month"]) == ("2026", "")
    statement = rows["ASEANAPOL Secretariat statement on the outcome of the conference"]
    assert "month and year inferred" in statement["Display Date"]
    assert len(rows) == len(EVENTS)
    assert not [v for r in rows.values() for v in r.values() if v[:1] in ("=", "+", "-", "@")]


def test_timeline_json_is_timelinejs_format_with_one_slide_per_event():
    data = json.loads((ROOT / export_timelinejs.JSON_PATH).read_text(encoding="utf-8"))
    assert data["title"]["text"]["headline"] == DESCRIPTOR["title"]
    slides = {s["unique_id"]: s for s in data["events"]}
    assert set(slides) == {e["event_id"] for e in EVENTS} and len(data["events"]) == len(EVENTS)
    for e in EVENTS:
        slide = slides[e["event_id"]]
        known = [int(p) for p in e["start"].split("-")]
        assert [slide["start_date"].get(k) for k in ("year", "month", "day")][:len(known)] == known
        assert set(slide["start_date"]) <= {"year", "month", "day", "hour", "minute"}
        if len(e["start"]) < 10:
            assert "day" not in slide["start_date"] and "display_date" in slide  # month or year only, said so
        assert slide["text"]["headline"] == e["name"]


def test_a_timeline_shows_of_a_long_series_only_the_main_event_and_its_neighbours():
    every = read_records(ROOT / "data" / "events.csv")
    series = [e for e in every if e["series_id"]]
    shown = {e["event_id"] for e in EVENTS}
    assert len(series) > 3 and {e["event_id"] for e in series if e["event_id"] in shown} == {
        "evt-42nd-aseanapol-conference", "evt-43rd-aseanapol-conference", "evt-44th-aseanapol-conference"}
    assert {e["event_id"] for e in every if not e["series_id"]} <= shown


def test_the_figure_draws_every_event_on_an_axis_that_covers_it():
    rows = draw_timeline.rows_to_draw(EVENTS)
    ranges = draw_timeline.panels(rows)
    assert len(rows) == len(EVENTS) <= draw_timeline.MAX_ROWS
    for r in rows:
        assert any(lo <= r["first"] and r["last"] <= hi for lo, hi in ranges), r["name"]
    svg = (ROOT / draw_timeline.SVG_PATH).read_text(encoding="utf-8")
    assert "<dc:date>" not in svg  # no build date: deterministic
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    for e in EVENTS:
        name = e["name"] if len(e["name"]) < 70 else e["name"][:67] + "..."
        assert name.replace("&", "&amp;") in labels, e["name"]


def test_the_readme_shows_the_figure_and_the_descriptor_names_it_as_image():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"]({draw_timeline.SVG_PATH})" in readme or f"]({draw_timeline.PNG_PATH})" in readme
    assert DESCRIPTOR["image"] == exports.IMAGE and (ROOT / exports.IMAGE).is_file()


AWKWARD = ['=HYPERLINK("x")', "a,b\nc", '"quoted"', "กิตติ์รัฐ พันธุ์เพ็ชร์", "Trần", "유재성", "陳東", "x" * 600, "@sum", "\t-1"]


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # the figure's font has no Thai: event names are English
def test_awkward_text_never_breaks_an_exporter(built_mini):
    """The exporters take typed tables straight from the build: every kind of text must pass through."""
    ctx = context(built_mini)
    typed = {name: exports_typed(ctx, name) for name in ctx.tables}
    events = typed["events"].to_pylist()
    for i, row in enumerate(events):
        row["name"] = AWKWARD[i % len(AWKWARD)]
        row["description"] = AWKWARD[(i + 1) % len(AWKWARD)]
    typed["events"] = pa.Table.from_pylist(events, schema=typed["events"].schema)
    rendered = exports.render_all(built_mini, json.loads((built_mini / "datapackage.json").read_text()), ctx.tables, typed)
    sheet = rendered[export_timelinejs.CSV_PATH].decode("utf-8")
    assert len(list(csv.reader(io.StringIO(sheet)))) == len(events) + 2
    json.loads(rendered[export_timelinejs.JSON_PATH])
    book = openpyxl.load_workbook(io.BytesIO(rendered[f"data/exports/{DESCRIPTOR['name']}.xlsx"]))
    assert {c.value for c in book["events"]["C"]} >= {"=HYPERLINK(\"x\")", "กิตติ์รัฐ พันธุ์เพ็ชร์"}


def exports_typed(ctx, name):
    from event_timeline.model.arrow_typing import typed_table

    t = ctx.tables[name]
    return typed_table(name, t.file, t.resource, t.schema, t.cells)[0]
