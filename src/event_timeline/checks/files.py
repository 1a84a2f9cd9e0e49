"""Checks of the curated CSVs as files: they read cleanly, and open safely in a spreadsheet.

In: a Context (checks.context). Out: Problems with file, row, field, value and what was expected.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from event_timeline.checks.context import Context, row_numbers
from event_timeline.problems import Problem

FORMULA_FIRST = np.frombuffer(b"=+-@\t\r", dtype=np.uint8)  # what a spreadsheet runs as a formula at the start of a cell


def first_bytes(column: pa.ChunkedArray) -> np.ndarray:
    """The first byte of every cell (0 for an empty cell), read from the Arrow buffers without copying text."""
    parts = []
    for chunk in column.chunks:
        chunk = pc.cast(chunk, pa.large_string()) if chunk.type != pa.large_string() else chunk
        _, offsets, data = chunk.buffers()
        starts = np.frombuffer(offsets, dtype=np.int64)[chunk.offset:chunk.offset + len(chunk) + 1]
        text = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)
        nonempty = starts[1:] > starts[:-1]
        first = np.zeros(len(chunk), dtype=np.uint8)
        first[nonempty] = text[starts[:-1][nonempty]]
        parts.append(first)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint8)


def check_readable(ctx: Context) -> list[Problem]:
    """The file exists; is UTF-8 without a byte-order mark; has LF line ends and no CR or NUL byte in a cell; is well-formed CSV; its header is the schema's field names in order; every row has that many cells; it has at least one data row."""
    return list(ctx.read_problems)



def check_formula_cells(ctx: Context) -> list[Problem]:
    """No text cell that a spreadsheet would run as a formula."""
    out = []
    for t in ctx.readable():
        for name in t.header:
            column = t.column(name)
            starts = np.isin(first_bytes(column), FORMULA_FIRST)
            if not starts.any():
                continue
            for line, cell in zip(row_numbers(starts), pc.filter(column, pa.array(starts)).to_pylist()):
                out.append(Problem(t.file, line, name, cell,
                                   "no leading =, +, -, @, tab or CR (a spreadsheet would run it as a formula)"))
    return out
