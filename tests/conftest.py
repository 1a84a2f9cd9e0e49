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
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import build
from check_context import TEXTS_ENV
from output_files import commit_files, json_bytes, sha256_file
from package_layout import ROOT
from problems import PackageError

MINI = Path(__file__).parent / "data" / "mini"
MINI_TEXTS = MINI / "texts"


def run_script(script: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """A script run as a user runs it: a new process (for the few tests about the command line)."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300)


def run_frictionless(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The frictionless CLI of the project's environment (or the one on PATH)."""
    cli = shutil.which("frictionless", path=str(Path(sys.executable).parent)) or shutil.which("frictionless") or "frictionless"
    return subprocess.run([cli, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


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
    monkeypatch.delenv(TEXTS_ENV, raising=False)
