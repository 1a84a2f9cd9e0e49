"""The fast CSV path (pyarrow) and the exact path (Python's strict csv module) read the same cells.

Whenever the fast path accepts bytes, the exact path must read the same cells from them and find no
problem; bytes the exact path rejects must never be accepted by the fast path. Hypothesis writes
tables of awkward text (quotes, commas, line breaks, non-ASCII) and damages their bytes.
"""
from __future__ import annotations

import csv
import io
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from event_timeline.model import csv_cells

NAMES = ["id", "name", "note"]
CELLS = st.text(alphabet=st.sampled_from(list('ab ,"\n\r\t\x00=é“”ไท') + ["\u00a0"]), max_size=8)
ROWS = st.lists(st.lists(CELLS, min_size=3, max_size=3), min_size=1, max_size=6)
EXAMPLES = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "27")) * 4, deadline=None,
                    derandomize=bool(os.environ.get("CI")))


def written(rows) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([NAMES, *rows])
    return buf.getvalue().encode("utf-8")


def both_paths(raw: bytes):
    return csv_cells._fast_cells(raw, NAMES), csv_cells._exact_cells(raw, "t.csv", NAMES)


@EXAMPLES
@given(rows=ROWS)
def test_the_fast_path_reads_what_the_exact_path_reads(rows):
    fast, exact = both_paths(written(rows))
    if fast is not None:
        assert exact.problems == [] and exact.cells.equals(fast)


@EXAMPLES
@given(rows=ROWS, cut=st.integers(min_value=0, max_value=400), insert=st.sampled_from(['"', ",", "\n", "x", "\n\n", '""']))
def test_damaged_bytes_are_never_read_differently(rows, cut, insert):
    raw = written(rows)
    at = len(NAMES[0]) + 1 + cut % max(1, len(raw) - len(NAMES[0]))
    damaged = raw[:at] + insert.encode() + raw[at:]
    fast, exact = both_paths(damaged)
    if fast is not None:
        assert exact.problems == [] and exact.cells.equals(fast)
