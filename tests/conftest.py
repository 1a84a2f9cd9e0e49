"""Shared fixtures: the real package, a small valid copy of it, and broken variants of that copy.

The small copy is the real descriptor and real schemas with the rows in tests/data/mini/data,
built by scripts/build.py into a temporary folder.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import build
from pkglib import ROOT, PackageError, commit_files, json_bytes, sha256_file

SEEDS = ROOT.parent / "shared" / "seeds"


def run_script(script: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300)


def run_frictionless(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The frictionless CLI of the project's environment (or the one on PATH)."""
    cli = shutil.which("frictionless", path=str(ROOT / ".venv" / "bin")) or shutil.which("frictionless") or "frictionless"
    return subprocess.run([cli, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def make_package(target: Path, data_dir: Path) -> Path:
    """A built package in target: real descriptor (tables only) and schemas, rows from data_dir."""
    shutil.copytree(ROOT / "schemas", target / "schemas")
    shutil.copytree(data_dir, target / "data")
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [{k: v for k, v in r.items() if k not in ("bytes", "hash")}
                               for r in descriptor["resources"] if r.get("type") == "table"]
    (target / "datapackage.json").write_bytes(json_bytes(descriptor))
    commit_files(build.plan(target))
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
        commit_files(build.plan(pkg))
    except PackageError:
        refresh_hashes(pkg)


@pytest.fixture
def mini_package(tmp_path, shared_datadir) -> Path:
    return make_package(tmp_path / "pkg", shared_datadir / "mini" / "data")


@pytest.fixture(autouse=True)
def _seeds(monkeypatch):
    """Point every validation at the primary texts (CI has ../shared beside the clone)."""
    if SEEDS.is_dir():
        monkeypatch.setenv("ASEANAPOL_SEEDS", str(SEEDS))
