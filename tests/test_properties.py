"""Property-based: random changes to valid rows never crash validation.

For each resource, Hypothesis picks a row, a field and a new cell value (any text: commas, quotes,
newlines, control characters, non-ASCII, formula starts, near-dates). The CSV is rewritten properly,
the package rebuilt (or, when the build refuses, only its hashes refreshed), and validated.
The validator must either accept the package or report a problem naming the resource file, and
a row and field; it must never raise. (Rebuilds leave out the exports; test_exports.py feeds them
the same kinds of values.)
"""
from __future__ import annotations

import csv
import os
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from event_timeline.checks import validate
from conftest import MINI_TEXTS, rebuild_or_refresh
from event_timeline.model.descriptor import load_tables
from conftest import ROOT

_, TABLES = load_tables(ROOT)
NEAR_DATES = st.sampled_from(["2025-11-31", "2025-02-29", "2025-13", "2025-11-06", "2025", "20251106", "2025-11-6", ""])
NEAR_IDS = st.sampled_from(["evt-opening-ceremony", "per-kitrat-phanphet", "org-royal-thai-police", "thm-fraud", "src-nation-2025-11-02", "EVT-X", "evt-"])
VALUES = st.one_of(st.text(max_size=40), NEAR_DATES, NEAR_IDS,
                   st.sampled_from(["=1+1", "-3", "@x", "\t", "true", "TRUE", "yes", "TH", "XX", "zh-Hant-HK", '"quoted"', "a,b", "line\nbreak"]))


def rewrite_cell(path: Path, row: int, column: str, value: str) -> tuple[int, str] | None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    if len(rows) < 2:
        return None
    index = 1 + row % (len(rows) - 1)
    col = rows[0].index(column)
    if rows[index][col] == value:
        return None
    rows[index][col] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")
    return index + 1, column


EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "9"))  # in all, spread evenly over the resources (CI: 180)


@pytest.mark.parametrize("name", sorted(TABLES))  # one test per resource, so parallel workers share them
@settings(max_examples=max(1, -(-EXAMPLES // len(TABLES))), deadline=None,
          derandomize=bool(os.environ.get("CI")),  # CI replays the same examples; developers explore new ones
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_cell_changes_are_accepted_or_reported_with_file_row_and_field(name, built_mini, tmp_path_factory, data):
    field = data.draw(st.sampled_from([f["name"] for f in TABLES[name].schema["fields"]]), label="field")
    row = data.draw(st.integers(min_value=0, max_value=200), label="row")
    value = data.draw(VALUES, label="value")
    pkg = tmp_path_factory.mktemp("mutant") / "pkg"
    shutil.copytree(built_mini, pkg)
    changed = rewrite_cell(pkg / "data" / f"{name}.csv", row, field, value)
    if changed is None:
        return
    rebuild_or_refresh(pkg)
    problems = validate.validate(pkg, MINI_TEXTS)  # must not raise
    if not problems:
        return
    files = {f"data/{name}.csv", f"data/parquet/{name}.parquet"}
    assert any(p.file in files for p in problems), problems
    assert any(p.row and p.field for p in problems), problems
    shutil.rmtree(pkg.parent)
