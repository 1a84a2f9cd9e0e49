"""Reading one curated CSV into Arrow string columns, with every reading problem said exactly.

In: the CSV's path, its name as shown in messages, and the field names its Table Schema expects.
Out: `CsvCells`: the header, one string column per field ('' for an empty cell, never null), whether
the file could be read, and the problems found while reading, each with its row and field:
the file exists; is UTF-8 without a byte-order mark; has LF line ends and no CR or NUL byte in a
cell; is well-formed CSV; its header is the schema's field names in order; every row has that many
cells; it has at least one data row.

Two paths give the same cells. The fast path (pyarrow's CSV reader) is taken only when the bytes
are plainly regular: no BOM, CR or NUL byte, the exact header, and every quotation mark either opens
a cell, closes one before a comma or line end, or doubles another inside a quoted cell. Anything
else is read by Python's strict csv module, which finds and words every problem.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from event_timeline.problems import Problem

FIELD_LIMIT = csv.field_size_limit()  # the longest cell Python's csv module reads (131,072 characters)
BOM = b"\xef\xbb\xbf"
QUOTE, COMMA, NEWLINE = 34, 44, 10


@dataclass
class CsvCells:
    header: list[str] = field(default_factory=list)
    cells: pa.Table | None = None  # one string column per expected field; None when not readable
    readable: bool = False
    problems: list[Problem] = field(default_factory=list)
    misaligned: set[int] = field(default_factory=set)  # rows whose number of cells is wrong (padded or cut)


SYNTAX = {  # Python's csv errors, said in the package's words: (what was found, what was expected)
    "',' expected after '\"'": ("text after a closing quotation mark",
                                 "a comma or line end after a quoted cell (double a quotation mark inside a cell)"),
    "unexpected end of data": ("a quoted cell that never closes", "a closing quotation mark"),
}


def read_csv_cells(path: Path, file: str, names: list[str]) -> CsvCells:
    """The cells of one CSV and the problems found reading it (see the module docstring)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return CsvCells(problems=[Problem(file, expected="the file to exist")])
    except IsADirectoryError:
        return CsvCells(problems=[Problem(file, expected="a file, not a folder")])
    cells = _fast_cells(raw, names)
    if cells is not None:
        return CsvCells(list(names), cells, True)
    return _exact_cells(raw, file, names)


# ---------- fast path: pyarrow, for plainly regular bytes ----------

def quotes_well_formed(raw: bytes) -> bool:
    """True when every '"' opens a cell, closes one before ',' / line end / end of file, or doubles
    another inside a quoted cell. Then Python's csv module and pyarrow read the bytes alike."""
    data = np.frombuffer(raw, dtype=np.uint8)
    quotes = np.flatnonzero(data == QUOTE)
    if len(quotes) == 0:
        return True
    if len(quotes) % 2:
        return False
    opens, closes = quotes[0::2], quotes[1::2]
    before_open = np.where(opens > 0, data[np.maximum(opens - 1, 0)], NEWLINE)
    after_close = np.where(closes + 1 < len(data), data[np.minimum(closes + 1, len(data) - 1)], NEWLINE)
    reopened = np.zeros(len(opens), dtype=bool)
    reopened[1:] = opens[1:] == closes[:-1] + 1  # '""' inside a quoted cell
    open_ok = (before_open == COMMA) | (before_open == NEWLINE) | reopened
    closed_again = np.zeros(len(closes), dtype=bool)
    closed_again[:-1] = reopened[1:]
    close_ok = (after_close == COMMA) | (after_close == NEWLINE) | closed_again
    return bool(open_ok.all() and close_ok.all())


def _fast_cells(raw: bytes, names: list[str]) -> pa.Table | None:
    """The cells read by pyarrow, or None when the bytes need the exact path."""
    if not names or raw.startswith(BOM) or b"\r" in raw or b"\x00" in raw or b"\n\n" in raw:
        return None  # pyarrow would read a blank line as a row of empty cells
    end_of_header = raw.find(b"\n")
    if end_of_header < 0 or raw[:end_of_header] != ",".join(names).encode("utf-8"):
        return None
    if not quotes_well_formed(raw):
        return None
    try:
        table = pacsv.read_csv(
            pa.py_buffer(raw),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None  # not UTF-8, a row with the wrong number of cells, not CSV: the exact path says where
    if table.num_rows == 0:
        return None
    if any((pc.max(pc.binary_length(col)).as_py() or 0) > FIELD_LIMIT for col in table.columns):
        return None  # Python's csv module refuses such a cell: let the exact path say so
    return table


# ---------- exact path: Python's csv module, every problem worded ----------

class CsvSyntaxError(Exception):
    def __init__(self, row: int, message: str):
        super().__init__(message)
        self.row, self.message = row, message


def _parse(text: str) -> list[list[str]]:
    """Every record; CsvSyntaxError naming the row (header is row 1) where the text stops being CSV."""
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), strict=True):
            rows.append(row)
    except csv.Error as exc:
        raise CsvSyntaxError(len(rows) + 1, str(exc)) from None
    return rows


def _locate(text_before: str, header: list[str]) -> tuple[int, str]:
    """Row number and field of the cell that ends text_before (the point where something is wrong)."""
    try:
        rows = _parse(text_before + '"' if text_before.count('"') % 2 else text_before)
    except CsvSyntaxError:
        return text_before.count("\n") + 1, ""
    if not rows:
        return 1, ""
    cell = len(rows[-1]) - 1
    return len(rows), header[cell] if 0 <= cell < len(header) and len(rows) > 1 else ""


def _exact_cells(raw: bytes, file: str, names: list[str]) -> CsvCells:
    out = CsvCells()
    problems = out.problems
    if raw.startswith(BOM):
        problems.append(Problem(file, row=1, value="BOM", expected="UTF-8 without a byte-order mark"))
    try:
        text = raw.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start].decode("utf-8", "replace")
        header = before.split("\n", 1)[0].split(",")
        row, name = _locate(before, header)
        problems.append(Problem(file, row=row, field=name, value=repr(raw[exc.start:exc.start + 4]),
                                expected="UTF-8 text (this looks like another encoding, e.g. Latin-1)"))
        return out
    if not text.strip():
        problems.append(Problem(file, value="empty file", expected="a header row and at least one data row"))
        return out
    try:
        rows = _parse(text)
    except CsvSyntaxError as exc:
        found, expected = SYNTAX.get(exc.message, (exc.message, "well-formed CSV"))
        problems.append(Problem(file, row=exc.row, value=found, expected=expected))
        return out
    header, data_rows = rows[0], rows[1:]
    out.header = header
    readable = True
    cr_in_cells = False
    for number, row in enumerate(rows if ("\r" in text or "\x00" in text) else [], start=1):
        for name, cell in zip(header + [""] * len(row), row):
            if "\x00" in cell:
                problems.append(Problem(file, number, name, "NUL byte", "text without NUL bytes"))
                readable = False  # frictionless and the other checks would only repeat it
            if "\r" in cell:
                problems.append(Problem(file, number, name, "carriage return", "no CR inside a cell (LF for line breaks)"))
                cr_in_cells = True
    if "\r" in text and not cr_in_cells:
        at = text.index("\r")
        row, name = _locate(text[:at], header)
        if text[at + 1:at + 2] == "\n":
            problems.append(Problem(file, row=row, value="CRLF", expected="LF line ends (no CRLF or CR)"))
        else:
            problems.append(Problem(file, row=row, field=name, value="CR",
                                    expected="no bare CR: it splits the row (quote the cell or remove it)"))
    if not readable:
        return out
    if header != names:
        missing = [n for n in names if n not in header]
        extra = [n for n in header if n not in names]
        detail = (f"missing {missing}" if missing else "") + (" " if missing and extra else "") + (f"unexpected {extra}" if extra else "")
        problems.append(Problem(file, row=1, value=",".join(header),
                                expected=f"the header {','.join(names)} ({detail or 'columns in the wrong order'})"))
        return out
    if not data_rows:
        problems.append(Problem(file, value="header only", expected="at least one data row"))
    width = len(names)
    for line, row in enumerate(data_rows, start=2):
        if not row:
            problems.append(Problem(file, row=line, value="a blank line", expected=f"{width} cells (delete the blank line)"))
            out.misaligned.add(line)
        elif len(row) != width:
            first_missing = names[len(row)] if len(row) < width else ""
            problems.append(Problem(file, row=line, field=first_missing, value=f"{len(row)} cells",
                                    expected=f"{width} cells (is a comma unquoted?)"))
            out.misaligned.add(line)
    columns = [[row[i] if i < len(row) else "" for row in data_rows] for i in range(width)]
    out.cells = pa.table({n: pa.array(col, pa.string()) for n, col in zip(names, columns)})
    out.readable = True
    return out

