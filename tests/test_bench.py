"""The benchmark's synthetic package follows the schemas: built and checked at a small size, it passes
the package's own checks (else scripts/bench.py would time a refusal) and holds the rows it says."""
from __future__ import annotations

from event_timeline.bench import scale as bench
from event_timeline.pipeline import plan as build
from event_timeline.checks import validate
from event_timeline.files import commit_files
from conftest import ROOT


def test_synthetic_package_builds_and_passes_the_own_checks(tmp_path):
    pkg = tmp_path / "pkg"
    bench.write_synthetic(pkg, 20, ROOT)
    commit_files(build.plan(pkg, with_exports=False))
    assert [str(p) for p in validate.validate(pkg, None, use_frictionless=False)] == []
    assert bench.rows_in(pkg) == bench.rows_in(ROOT) + 2 * 20  # one event and one claim each
