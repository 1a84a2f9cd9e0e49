"""The build: fresh outputs in the repository, byte-identical rebuilds, all-or-nothing writes."""
from __future__ import annotations

import os

import pytest

import build
from conftest import run_script
from pkglib import ROOT, commit_files


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_committed_outputs_are_what_the_build_makes():
    """Fails when datapackage.json, a Parquet file, an export or the README dictionary is stale."""
    stale = [str(p.relative_to(ROOT)) for p, data in build.plan(ROOT).items()
             if not p.exists() or p.read_bytes() != data]
    assert stale == [], f"stale outputs, run make: {stale}"


def test_two_builds_are_byte_identical(mini_package):
    first = snapshot(mini_package)
    result = run_script("build.py", str(mini_package))
    assert result.returncode == 0, result.stderr
    assert "0 changed" in result.stdout
    assert snapshot(mini_package) == first


def test_build_never_rewrites_curated_csvs(mini_package):
    csvs = {p: p.stat().st_mtime_ns for p in (mini_package / "data").glob("*.csv")}
    (mini_package / "data" / "parquet" / "events.parquet").unlink()
    assert run_script("build.py", str(mini_package)).returncode == 0
    assert {p: p.stat().st_mtime_ns for p in csvs} == csvs


def test_failed_build_writes_nothing(mini_package):
    before = snapshot(mini_package)
    path = mini_package / "data" / "positions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2025-11-06", "6 Nov 2025", 1), encoding="utf-8")
    before["data/positions.csv"] = path.read_bytes()
    result = run_script("build.py", str(mini_package))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/positions.csv" in result.stderr and "no file was written" in result.stderr
    assert snapshot(mini_package) == before


def test_build_interrupted_after_first_output_restores_every_file(mini_package):
    themes = mini_package / "data" / "themes.csv"
    themes.write_text(themes.read_text(encoding="utf-8").replace("Fraud,", "Frauds,", 1), encoding="utf-8")
    before = snapshot(mini_package)
    calls = []

    def failing_replace(src, dst):
        if calls:
            raise OSError("disk full (injected)")
        calls.append(dst)
        os.replace(src, dst)

    with pytest.raises(OSError, match="injected"):
        commit_files(build.plan(mini_package), replace=failing_replace)
    assert len(calls) == 1  # one output really was swapped in before the failure
    assert snapshot(mini_package) == before
    assert not [p for p in mini_package.rglob("*.tmp")]
