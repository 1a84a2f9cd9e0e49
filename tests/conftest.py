"""Shared fixtures: the real package, a small valid copy of it, and the synthetic primary texts that
copy quotes.

The small copy (tests/data/mini) is the real descriptor and real schemas with a few rows; its two
primary sources point at short synthetic texts (tests/data/mini/texts) whose SHA-256 is recorded in
its sources.csv, so quote checking is tested on every machine. It is built once per test session
and copied for each test that changes it. Tests never read the primary texts of the real package:
the environment variable naming them is cleared, so every run is the same everywhere.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from event_timeline.pipeline import plan as build
from event_timeline.model import config
from event_timeline.files import commit_files, json_bytes, sha256_file
ROOT = Path(__file__).resolve().parents[1]  # the repository: the package the tests check
from event_timeline.problems import PackageError

MINI = Path(__file__).parent / "data" / "mini"
MINI_TEXTS = MINI / "texts"


def run_script(script: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """A script run as a user runs it: a new process (for the few tests about the command line)."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300)


def run_frictionless(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The frictionless command line, run in-process: its console program invoked through Typer's
    test runner (the same argument parsing, output and exit code as the `frictionless` command,
    without a new interpreter importing frictionless each time). .ci/run runs the installed command."""
    from frictionless.console import console
    from typer.testing import CliRunner

    before = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(console, list(args))
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(["frictionless", *args], result.exit_code, result.stdout, result.stderr)


def make_package(target: Path, data_dir: Path) -> Path:
    """A built package in target: real descriptor (tables only) and schemas, rows from data_dir."""
    shutil.copytree(ROOT / "schemas", target / "schemas")
    shutil.copytree(data_dir, target / "data")
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [{k: v for k, v in r.items() if k not in ("bytes", "hash")}
                               for r in descriptor["resources"] if r.get("type") == "table"]
    (target / "datapackage.json").write_bytes(json_bytes(descriptor))
    commit_files(build.plan(target, with_exports=False))
    return target


def refresh_hashes(pkg: Path) -> None:
    """Make bytes and hash of the CSVs true again without rebuilding anything else."""
    path = pkg / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for r in descriptor["resources"]:
        if r.get("type") == "table" and (pkg / r["path"]).is_file():
            r["bytes"] = (pkg / r["path"]).stat().st_size
            r["hash"] = "sha256:" + sha256_file(pkg / r["path"])
    path.write_bytes(json_bytes(descriptor))


def rebuild_or_refresh(pkg: Path) -> None:
    try:
        commit_files(build.plan(pkg, with_exports=False))
    except PackageError:
        refresh_hashes(pkg)


@pytest.fixture(scope="session")
def built_mini(tmp_path_factory) -> Path:
    """The small valid package, built once per session; never change it (copy it: mini_package)."""
    return make_package(tmp_path_factory.mktemp("built") / "pkg", MINI / "data")


RELEASE_ADDRESS = "https://example.org/aseanapol-release-test/"  # test values: no real address is claimed
TEST_DOI = "10.5072/aseanapol-release-test"  # DataCite's test prefix


@pytest.fixture(scope="session")
def release(tmp_path_factory) -> Path:
    """A folder holding the release of the real package (archive and its checksum file), made once
    (release.py's freshness check aside: test_build.py checks that the committed outputs are fresh,
    test_release.py that release.py refuses stale ones)."""
    from event_timeline.release import archive as release_script
    out = tmp_path_factory.mktemp("dist")
    release_script.write_release(ROOT, out)
    return out


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Path:
    """What a tag push publishes (scripts/publish.py), made once with test addresses and a test DOI."""
    from event_timeline.publish.prepare import prepare
    from event_timeline.release.addresses import addresses_for
    out = tmp_path_factory.mktemp("publish") / "publish"
    assert prepare(ROOT, out, addresses_for(ROOT, RELEASE_ADDRESS, "", TEST_DOI)) == []
    return out


@pytest.fixture
def mini_package(tmp_path, built_mini) -> Path:
    """A fresh copy of the small valid package, free to break."""
    return Path(shutil.copytree(built_mini, tmp_path / "pkg"))


@pytest.fixture
def mini_texts(tmp_path) -> Path:
    """A fresh copy of the synthetic primary texts the small package quotes."""
    return Path(shutil.copytree(MINI_TEXTS, tmp_path / "texts"))


@pytest.fixture(autouse=True)
def _texts_only_where_a_test_gives_them(monkeypatch):
    monkeypatch.delenv(config.load(ROOT).texts_environment, raising=False)
