"""Checks of the curated CSVs as files: they read cleanly, and open safely in a spreadsheet.

In: a Context (check_context). Out: Problems with file, row, field, value and what was expected.
"""
from __future__ import annotations

import pyarrow.compute as pc

from check_context import Context, any_true, row_numbers
from problems import Problem

FORMULA_START = "^[=+\\-@\t\r]"  # what a spreadsheet runs as a formula at the start of a cell


def check_readable(ctx: Context) -> list[Problem]:
    """The file exists; is UTF-8 without a byte-order mark; has LF line ends and no CR or NUL byte in a cell; is well-formed CSV; its header is the schema's field names in order; every row has that many cells; it has at least one data row."""
    return list(ctx.read_problems)



def check_formula_cells(ctx: Context) -> list[Problem]:
    """No text cell that a spreadsheet would run as a formula."""
    out = []
    for t in ctx.readable():
        for name in t.header:
            column = t.column(name)
            starts = pc.match_substring_regex(column, FORMULA_START)
            if not any_true(starts):
                continue
            for line, cell in zip(row_numbers(starts), pc.filter(column, starts).to_pylist()):
                out.append(Problem(t.file, line, name, cell,
                                   "no leading =, +, -, @, tab or CR (a spreadsheet would run it as a formula)"))
    return out
