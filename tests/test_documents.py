"""Figures in the documents are counted from the data; a marker that cannot be counted is refused."""
from __future__ import annotations

import pyarrow as pa
import pytest

from event_timeline.documents import figures as doc_figures

TABLES = {"sources": pa.table({"source_id": ["a", "b", "c"], "source_role": ["primary", "corroborating", "corroborating"],
                               "sha256": ["x", "", ""]})}


def test_count_markers_are_filled_from_the_tables():
    text = ("<!-- count sources -->0<!-- /count --> sources, <!-- count sources source_role=corroborating -->9<!-- /count --> "
            "corroborating, <!-- count sources sha256!= -->9<!-- /count --> hashed, "
            "<!-- count sources distinct=source_role -->9<!-- /count --> roles")
    assert doc_figures.filled(text, TABLES) == (
        "<!-- count sources -->3<!-- /count --> sources, <!-- count sources source_role=corroborating -->2<!-- /count --> "
        "corroborating, <!-- count sources sha256!= -->1<!-- /count --> hashed, "
        "<!-- count sources distinct=source_role -->2<!-- /count --> roles")


@pytest.mark.parametrize("spec,message", [
    ("people", "count marker 'people': no resource 'people'"),
    ("sources role=primary", "count marker 'sources role=primary': cannot read 'role=primary' (FIELD=VALUE, FIELD!=VALUE or FIELD^=PREFIX of sources)"),
    ("sources distinct=role", "count marker 'sources distinct=role': no field 'role' in sources"),
])
def test_a_marker_that_cannot_be_counted_is_refused_with_its_text(spec, message):
    with pytest.raises(ValueError) as exc:
        doc_figures.filled(f"<!-- count {spec} -->1<!-- /count -->", TABLES)
    assert str(exc.value) == message


def test_gaps_markers_list_the_numbers_no_row_holds():
    tables = {"events": pa.table({"series_id": ["s", "s", "s", "s", "t", ""], "series_ordinal": ["1", "4", "5", "9", "2", ""]})}
    text = "missing: <!-- gaps events series_ordinal series_id=s -->?<!-- /gaps -->; t: <!-- gaps events series_ordinal series_id=t -->?<!-- /gaps -->"
    assert doc_figures.filled(text, tables) == ("missing: <!-- gaps events series_ordinal series_id=s -->2, 3, 6–8<!-- /gaps -->; "
                                                "t: <!-- gaps events series_ordinal series_id=t -->1<!-- /gaps -->")
    full = {"events": pa.table({"series_id": ["s", "s"], "series_ordinal": ["1", "2"]})}
    assert doc_figures.filled("<!-- gaps events series_ordinal -->?<!-- /gaps -->", full) == "<!-- gaps events series_ordinal -->none<!-- /gaps -->"
    with pytest.raises(ValueError) as exc:
        doc_figures.filled("<!-- gaps events series_id=s -->?<!-- /gaps -->", tables)
    assert str(exc.value) == "gaps marker 'events series_id=s': expected one field of events holding whole numbers, then conditions"


def test_benchmarks_table_is_the_report_of_the_recorded_results():
    """BENCHMARKS.md shows the recorded scale results as scripts/bench.py --report renders them."""
    from event_timeline.bench import scale as bench
    from conftest import ROOT
    results = sorted((ROOT / "benchmarks").glob("scale-*.jsonl"))[-1]
    table = bench.report(results.read_text(encoding="utf-8").splitlines())
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert table in text and f"benchmarks/{results.name}" in text
