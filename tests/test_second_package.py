"""The tooling is generic: a second, differently named event-timeline package (tests/data/second-package:
two events, one source, its own descriptor and timeline.toml; the schemas are the repository's) is built,
validated and rendered by the same commands, and nothing in src/ names this repository's dataset."""
from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import ROOT, run_script

SECOND = Path(__file__).parent / "data" / "second-package"


@pytest.fixture(scope="module")
def second(tmp_path_factory) -> Path:
    pkg = tmp_path_factory.mktemp("second") / "pkg"
    shutil.copytree(SECOND, pkg)
    shutil.copytree(ROOT / "schemas", pkg / "schemas")
    return pkg


def test_the_same_commands_build_validate_and_render_a_second_package(second, tmp_path):
    built = run_script("build.py", str(second), "--validate")
    assert built.returncode == 0, built.stderr
    assert "valid: pkg" in built.stdout and "HARBOUR_FORUM_TEXTS" in built.stderr  # its own variable, from its timeline.toml
    assert run_script("validate.py", str(second)).returncode == 0
    descriptor = json.loads((second / "datapackage.json").read_text(encoding="utf-8"))
    database = second / "data" / "exports" / f"{descriptor['name']}.sqlite"
    assert sqlite3.connect(database).execute("SELECT count(*) FROM events").fetchone() == (2,)
    assert "Example Harbour Forum 2024: timeline" in (second / "data" / "exports" / "timeline.svg").read_text(encoding="utf-8")
    assert "| `event_id` | Event | string | yes |" in (second / "README.md").read_text(encoding="utf-8")  # its data dictionary
    site = run_script("site_build.py", str(second), "--out", str(tmp_path / "site"))
    assert site.returncode == 0, site.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f"<title>{descriptor['title']}</title>" in page and "Ana Example" in page
    assert (tmp_path / "site" / descriptor["version"] / f"{descriptor['name']}-{descriptor['version']}.zip").is_file()
    assert (tmp_path / "site" / "latest" / "datapackage.json").is_file()


def test_nothing_in_the_tooling_names_this_dataset():
    """What is specific to this repository's package lives in its descriptor, schemas and timeline.toml."""
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    specific = re.compile("|".join(["ASEANAPOL", "Bangkok", "Royal Thai", "evt-43rd", "2025-11", descriptor["name"]]), re.I)
    named = [f"{path.relative_to(ROOT)}:{n}" for path in sorted((ROOT / "src" / "event_timeline").rglob("*"))
             if path.is_file() and path.suffix in (".py", ".html", ".js", ".css")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if specific.search(line)]
    assert named == []


def test_a_setting_the_tooling_does_not_know_is_refused_in_one_line(second, tmp_path):
    """timeline.toml is read by build and validate alike; a wrong key is named, never a traceback."""
    pkg = Path(shutil.copytree(second, tmp_path / "pkg"))
    (pkg / "timeline.toml").write_text('[texts]\nenvironmnet = "X"\n', encoding="utf-8")
    for script in ("validate.py", "build.py"):
        result = run_script(script, str(pkg))
        assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
        said = result.stdout + result.stderr
        assert "timeline.toml: found 'texts.environmnet'; expected only texts.environment, figure.title and figure.id_salt" in said
