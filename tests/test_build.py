"""The build: fresh outputs in the repository, byte-identical rebuilds, all-or-nothing writes, and a
failed build that names every problem it found, one line each."""
from __future__ import annotations

import os

import pytest

from event_timeline.pipeline import plan as build
from event_timeline.files import commit_files
from conftest import ROOT


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture out of date: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")


def test_committed_outputs_are_what_the_build_makes():
    """Fails when datapackage.json, a Parquet file, an export or the README dictionary is stale."""
    stale = [str(p.relative_to(ROOT)) for p, data in build.plan(ROOT).items()
             if not p.exists() or p.read_bytes() != data]
    assert stale == [], f"stale outputs, run make: {stale}"


def test_two_builds_are_byte_identical(mini_package, capsys):
    assert build.run(mini_package) == 0  # the full build, exports included
    first = snapshot(mini_package)
    assert build.run(mini_package) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith(", 0 changed")
    assert snapshot(mini_package) == first


def test_build_never_rewrites_curated_csvs(mini_package):
    csvs = {p: p.stat().st_mtime_ns for p in (mini_package / "data").glob("*.csv")}
    (mini_package / "data" / "parquet" / "events.parquet").unlink()
    commit_files(build.plan(mini_package, with_exports=False))
    assert {p: p.stat().st_mtime_ns for p in csvs} == csvs


def test_failed_build_writes_nothing(mini_package, capsys):
    replace_in(mini_package / "data" / "positions.csv", "2025-11-06", "6 Nov 2025")
    before = snapshot(mini_package)
    assert build.run(mini_package) == 1
    err = capsys.readouterr().err
    assert "data/positions.csv" in err and "no file was written" in err
    assert snapshot(mini_package) == before


def test_build_refuses_dangling_references_before_writing(mini_package, capsys):
    """A reference to a row that does not exist stops the full build (the SQLite edition enforces
foreign keys) with one line per reference, in the package's words, and nothing written."""
    participations = mini_package / "data" / "participations.csv"
    replace_in(participations, ",evt-closing-ceremony,chair,per-kitrat-phanphet,", ",evt-closing-dinner,chair,per-kitrat-phanpet,")
    replace_in(participations, ",org-royal-thai-police,,", ",org-royal-thai-polis,,")
    before = snapshot(mini_package)
    assert build.run(mini_package) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "data/participations.csv, row 2, field 'event_id': found 'evt-closing-dinner'; expected an id that exists in events.event_id",
        "data/participations.csv, row 2, field 'person_id': found 'per-kitrat-phanpet'; expected an id that exists in people.person_id",
        "data/participations.csv, row 4, field 'organization_id': found 'org-royal-thai-polis'; expected an id that exists in organizations.organization_id",
        "build failed: 3 problem(s); no file was written. Correct the curated files named above, then run make again.",
    ]
    assert snapshot(mini_package) == before


def test_build_refuses_a_duplicate_id_before_writing(mini_package, capsys):
    """An id used twice stops the full build (the SQLite edition enforces primary keys) in the package's words."""
    replace_in(mini_package / "data" / "events.csv", "evt-opening-ceremony,evt-43rd", "evt-closing-ceremony,evt-43rd")
    before = snapshot(mini_package)
    assert build.run(mini_package) == 1
    err = capsys.readouterr().err
    assert ("data/events.csv, row 4, field 'event_id': found 'evt-closing-ceremony'; "
            "expected an id not already used (row 3 has the same event_id)") in err.splitlines()
    assert "Traceback" not in err and "no file was written" in err
    assert snapshot(mini_package) == before


def test_failed_build_names_every_bad_cell_in_every_table(mini_package, capsys):
    """Two empty required fields and two impossible dates in two files: every one, and what follows
from them (the start no longer holds its preferred claim), one line each, then the summary."""
    events = mini_package / "data" / "events.csv"
    replace_in(events, ",Closing ceremony,ceremony", ",,ceremony")
    replace_in(events, "Opening ceremony,ceremony,took-place,2025-11-04", "Opening ceremony,,took-place,2025-11-31")
    replace_in(mini_package / "data" / "positions.csv", "2025-11-06", "2025-02-29")
    assert build.run(mini_package) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1] == ("build failed: 5 problem(s); no file was written. "
                         "Correct the curated files named above, then run make again.")
    assert lines[:-1] == [
        "data/events.csv, row 3, field 'name': found ''; expected a value (the field is required)",
        "data/events.csv, row 4, field 'event_type': found ''; expected a value (the field is required)",
        "data/events.csv, row 4, field 'start': found '2025-11-31'; expected a real calendar date as YYYY, YYYY-MM or YYYY-MM-DD",
        "data/events.csv, row 4, field 'start': found '2025-11-31'; expected a value one of its claims gives (data/claims.csv): '2025-11' (normal, row 40); '2025-11-04' (preferred, row 41)",
        "data/positions.csv, row 2, field 'as_of': found '2025-02-29'; expected a real calendar date YYYY-MM-DD",
    ]


def test_build_interrupted_after_first_output_restores_every_file(mini_package):
    themes = mini_package / "data" / "themes.csv"
    replace_in(themes, "Fraud,", "Frauds,")
    before = snapshot(mini_package)
    calls = []

    def failing_replace(src, dst):
        if calls:
            raise OSError("disk full (injected)")
        calls.append(dst)
        os.replace(src, dst)

    with pytest.raises(OSError, match="injected"):
        commit_files(build.plan(mini_package, with_exports=False), replace=failing_replace)
    assert len(calls) == 1  # one output really was swapped in before the failure
    assert snapshot(mini_package) == before
    assert not [p for p in mini_package.rglob("*.tmp")]
