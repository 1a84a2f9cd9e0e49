"""Release 1.0.0: citable, checksummed archive that validates anywhere; workbook, figure, TimelineJS."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile

import openpyxl
import pytest

import release as release_script
import validate
from conftest import run_frictionless
from descriptor import load_tables
from package_layout import ROOT
from test_package import read_records

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


def test_version_is_semver_and_cited_consistently():
    version = DESCRIPTOR["version"]
    assert SEMVER.match(version)
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r"^version: (\S+)$", cff, re.M).group(1) == version
    assert re.search(r"^type: dataset$", cff, re.M)
    assert re.search(r"^cff-version: 1\.2\.0$", cff, re.M)
    assert f"## [{version}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_descriptor_has_licences_contributors_and_created():
    assert {l["name"] for l in DESCRIPTOR["licenses"]} == {"CC-BY-4.0"}
    assert all(c.get("roles") for c in DESCRIPTOR["contributors"])
    dt.datetime.fromisoformat(DESCRIPTOR["created"].replace("Z", "+00:00"))
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "CC-BY-4.0" in (ROOT / "LICENSE-DATA.md").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    assert release_script.main(["release.py", str(ROOT), str(out)]) == 0
    return out


def test_second_release_gives_identical_checksums(release, tmp_path):
    assert release_script.main(["release.py", str(ROOT), str(tmp_path)]) == 0
    assert (tmp_path / "SHA256SUMS").read_bytes() == (release / "SHA256SUMS").read_bytes()


def test_archive_validates_from_a_temporary_folder(release, tmp_path):
    archive = next(release.glob("*.zip"))
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path)
    top = tmp_path / archive.stem
    for needed in ["datapackage.json", "README.md", "LICENSE", "LICENSE-DATA.md", "CHANGELOG.md", "CITATION.cff",
                   "data/events.csv", "data/parquet/events.parquet", "data/exports/timeline.svg", "schemas/events.schema.json"]:
        assert f"{archive.stem}/{needed}" in names
    fl = run_frictionless("validate", "datapackage.json", cwd=top)
    assert fl.returncode == 0, fl.stdout[-2000:]
    assert validate.validate(top) == []


def test_workbook_round_trips_every_cell():
    _, tables = load_tables(ROOT)
    book = openpyxl.load_workbook(ROOT / "data" / "exports" / f"{DESCRIPTOR['name']}.xlsx")
    assert book.sheetnames == ["README", *tables]
    readme = book["README"]
    assert readme["B2"].value == DESCRIPTOR["version"]
    for name, t in tables.items():
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        rows = list(sheet.iter_rows(values_only=True))
        header, _ = rows[0], rows[1:]
        with open(t.path, encoding="utf-8", newline="") as fh:
            expected = list(csv.reader(fh))
        assert list(header) == expected[0]
        assert len(rows) == len(expected)
        for got, want in zip(rows[1:], expected[1:]):
            as_text = ["" if v is None else v.date().isoformat() if isinstance(v, dt.datetime)
                       else ("true" if v else "false") if isinstance(v, bool) else str(v) for v in got]
            assert as_text == want


def test_timelinejs_fills_only_the_date_parts_it_knows():
    rows = {r["Headline"]: r for r in csv.DictReader(io.StringIO((ROOT / "data/exports/timelinejs.csv").read_text(encoding="utf-8")))}
    plenary = rows["First plenary session"]
    assert (plenary["Year"], plenary["Month"], plenary["Day"]) == ("2025", "11", "")
    assert "day not reported" in plenary["Display Date"]
    opening = rows["Opening ceremony"]
    assert (opening["Year"], opening["Month"], opening["Day"]) == ("2025", "11", "4")
    planned = rows["44th ASEANAPOL Conference"]
    assert (planned["Year"], planned["Month"]) == ("2026", "")
    statement = rows["ASEANAPOL Secretariat statement on the outcome of the conference"]
    assert "inferred" in statement["Display Date"]
    assert len(rows) == len(read_records(ROOT / "data" / "events.csv"))
    assert not [v for r in rows.values() for v in r.values() if v[:1] in ("=", "+", "-", "@")]


def test_readme_shows_the_timeline_figure():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](data/exports/timeline.svg)" in readme or "](data/exports/timeline.png)" in readme
    svg = (ROOT / "data" / "exports" / "timeline.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg  # no build date: deterministic


def test_one_changed_byte_in_any_released_file_fails_validation(release, tmp_path):
    """Tamper test: flip one byte of each file of the extracted release; validation names that file."""
    archive = next(release.glob("*.zip"))
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path)
    top = tmp_path / archive.stem
    files = sorted(p for p in top.rglob("*") if p.is_file())
    assert len(files) > 30
    for path in files:
        original = path.read_bytes()
        middle = len(original) // 2
        path.write_bytes(original[:middle] + bytes([original[middle] ^ 0x01]) + original[middle + 1:])
        try:
            problems = validate.validate(top, use_frictionless=False)
        finally:
            path.write_bytes(original)
        rel = path.relative_to(top).as_posix()
        assert problems, f"changing one byte of {rel} went unnoticed"
        assert any(rel in str(p) for p in problems), f"{rel} not named: {problems[:3]}"


def test_archive_readme_is_true_for_the_archive(release, tmp_path):
    """No set-up or test commands for files the archive lacks; every relative link resolves inside it."""
    archive = next(release.glob("*.zip"))
    with zipfile.ZipFile(archive) as zf:
        names = set(zf.namelist())
        readme = zf.read(f"{archive.stem}/README.md").decode("utf-8")
    assert "repository-only" not in readme
    assert "make test" not in readme and "scripts/" not in readme
    assert "sha256sum -c SHA256SUMS" in readme and "frictionless validate datapackage.json" in readme
    links = [target for target in re.findall(r"\]\(([^)\s#]+)", readme) if "://" not in target]
    assert links, "the README links no file"
    assert [t for t in links if f"{archive.stem}/{t}" not in names] == []
