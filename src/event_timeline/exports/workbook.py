"""Spreadsheet workbook of the package, for Excel and LibreOffice users.

In: the descriptor, table schemas and typed tables. Out: data/exports/<name>.xlsx with a README sheet
(title, version, licence, how to cite, every field's description) and one sheet per resource:
bold frozen header, column widths from the content, dates as real dates, booleans as TRUE/FALSE,
every text cell written as text (never as a formula). The claims sheet ends with each claim's
evidence link (exports.evidence): a hyperlink that opens the source at the quote, whose cell shows the
address itself, so that a copy or a CSV export of the sheet keeps it. Deterministic: fixed document dates.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import xlsxwriter

from event_timeline.exports.evidence import EVIDENCE_DESCRIPTION, EVIDENCE_FIELD, evidence_urls
from event_timeline.exports.published import Published

READS = None  # every resource  # resources this export reads (exports.registry remembers its output by them)
LIBRARIES = ("xlsxwriter",)

FIXED_TIME = dt.datetime(2025, 11, 10)  # document properties; overwritten by the descriptor's created date
XLSX_MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_path(descriptor: dict) -> str:
    return f"data/exports/{descriptor['name']}.xlsx"


def files(descriptor: dict) -> list[Published]:
    return [Published(workbook_path(descriptor), "xlsx", XLSX_MEDIATYPE,
                      "Workbook: a README sheet and one sheet per table, for spreadsheet users.")]


def _created(descriptor: dict) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(descriptor.get("created", "").replace("Z", "")).replace(tzinfo=None)
    except ValueError:
        return FIXED_TIME


def citation_text(descriptor: dict) -> str:
    authors = ", ".join(c.get("title", "") for c in descriptor.get("contributors", []) if "creator" in c.get("roles", []))
    year = descriptor.get("created", "")[:4]
    return f"{authors} ({year}). {descriptor.get('title', '')}. Version {descriptor.get('version', '')}. See CITATION.cff."


def readme_rows(descriptor: dict, tables: dict) -> list[list[str]]:
    licence = "; ".join(f"{l.get('name')} ({l.get('path', '')})" for l in descriptor.get("licenses", []))
    rows = [["Title", descriptor.get("title", "")], ["Version", descriptor.get("version", "")],
            ["Description", descriptor.get("description", "")], ["Licence", licence],
            ["How to cite", citation_text(descriptor)],
            ["Canonical files", "The CSV files in data/ are canonical; this workbook is a convenience copy."], [],
            ["Sheet", "Field", "Type", "Description"]]
    for name, t in tables.items():
        for field in t.schema["fields"]:
            rows.append([name, field["name"], field.get("type", "string"), field.get("description", "")])
        if name == "claims" and "sources" in tables:
            rows.append([name, EVIDENCE_FIELD, "string (link)", EVIDENCE_DESCRIPTION])
    return rows


def write_evidence(sheet, column: int, claims, sources, bold) -> int:
    """The evidence link of every claim, as a hyperlink in one more column whose cell shows the address
    itself (a copy or a CSV export keeps it); returns that column."""
    links = evidence_urls(claims.to_pylist(), sources.to_pylist())
    sheet.write_string(0, column, EVIDENCE_FIELD, bold)
    for r, claim_id in enumerate(claims.column("claim_id").to_pylist(), start=1):
        sheet.write_url(r, column, links[claim_id], string=links[claim_id])
    return column


def render(pkg_dir: Path, descriptor: dict, tables: dict, typed: dict) -> dict:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"title": descriptor.get("title", ""), "created": _created(descriptor)})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("README")
    for r, row in enumerate(readme_rows(descriptor, tables)):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value, bold if c == 0 or row[:1] == ["Sheet"] else wrap)
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 1, 28)
    sheet.set_column(2, 2, 10)
    sheet.set_column(3, 3, 100)
    for name, table in typed.items():
        sheet = book.add_worksheet(name)
        columns = table.column_names
        for c, col in enumerate(columns):
            sheet.write_string(0, c, col, bold)
        widths = [len(col) for col in columns]
        for c, col in enumerate(columns):
            for r, value in enumerate(table.column(col).to_pylist(), start=1):
                if value is None:
                    continue
                if isinstance(value, bool):
                    sheet.write_boolean(r, c, value)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
                    widths[c] = max(widths[c], 10)
                else:
                    sheet.write_string(r, c, str(value))
                    widths[c] = max(widths[c], min(len(str(value)), 60))
        last = len(columns) - 1
        if name == "claims" and "sources" in typed:
            last = write_evidence(sheet, len(columns), table, typed["sources"], bold)
            widths.append(len(EVIDENCE_FIELD))
        for c, width in enumerate(widths):
            sheet.set_column(c, c, width + 2)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, table.num_rows, last)
    book.close()
    return {workbook_path(descriptor): buffer.getvalue()}
