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


def contested_values() -> set[tuple[str, str, str]]:
    """(resource, record_id, property) of every value with more than one version in the real claims."""
    import csv
    from conftest import ROOT
    versions: dict[tuple, set] = {}
    with open(ROOT / "data" / "claims.csv", encoding="utf-8", newline="") as fh:
        for c in csv.DictReader(fh):
            if c["property"] != "record":
                versions.setdefault((c["resource"], c["record_id"], c["property"]), set()).add(c["value"])
    return {key for key, values in versions.items() if len(values) > 1}


def test_curation_record_ranks_every_disagreement_and_only_those():
    """Each row of CURATION.md's disagreement table names the values it ranks as `resource` `record` `property`."""
    import re
    from conftest import ROOT
    text = (ROOT / "CURATION.md").read_text(encoding="utf-8")
    section = text.split("## How each disagreement was ranked", 1)[1].split("\n## ", 1)[0]
    named = set()
    for line in section.splitlines():
        if line.startswith("| ") and not line.startswith("| point"):
            first_cell = line.split("|")[1]
            named |= set(re.findall(r"`(events|organizations|people|positions|participations|sources|themes|event_themes)` `([a-z0-9-]+)` `([a-z_]+)`", first_cell))
    assert named, "no row of the disagreement table names a value"
    assert contested_values() - named == set(), "disagreements in claims.csv that CURATION.md does not rank"
    assert named - contested_values() == set(), "rows of CURATION.md about values with a single version"


def test_benchmarks_table_is_the_report_of_the_recorded_results():
    """BENCHMARKS.md shows the recorded scale results as scripts/bench.py --report renders them."""
    from event_timeline.bench import scale as bench
    from conftest import ROOT
    results = sorted((ROOT / "benchmarks").glob("scale-*.jsonl"))[-1]
    table = bench.report(results.read_text(encoding="utf-8").splitlines())
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert table in text and f"benchmarks/{results.name}" in text
