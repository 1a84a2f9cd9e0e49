"""The release: citable, checksummed, byte-reproducible; its archive validates with frictionless as it
is (descriptor at its root), catches one changed byte, and its README and descriptor are true for it."""
from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest

from event_timeline.release import archive as release_script
from event_timeline.checks import validate
from conftest import run_frictionless
from conftest import ROOT

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")

pytestmark = pytest.mark.xdist_group("release")  # one worker makes the session's release fixtures


def test_version_is_semver_and_cited_consistently():
    version = DESCRIPTOR["version"]
    assert SEMVER.match(version)
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r"^version: (\S+)$", cff, re.M).group(1) == version
    assert re.search(r"^type: dataset$", cff, re.M)
    assert re.search(r"^cff-version: 1\.2\.0$", cff, re.M)
    assert f"## [{version}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"Version {version}." in (ROOT / "README.md").read_text(encoding="utf-8")  # the citation the README shows


def test_descriptor_has_licences_contributors_and_created():
    assert {l["name"] for l in DESCRIPTOR["licenses"]} == {"CC-BY-4.0"}
    assert all(c.get("roles") for c in DESCRIPTOR["contributors"])
    dt.datetime.fromisoformat(DESCRIPTOR["created"].replace("Z", "+00:00"))
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "CC-BY-4.0" in (ROOT / "LICENSE-DATA.md").read_text(encoding="utf-8")


def archive_of(release_dir):
    return next(release_dir.glob("*.zip"))


def test_archive_is_named_by_version_and_checksummed_beside_it_without_a_clash(release):
    """The checksum file beside the archive is <archive>.sha256.txt, a name nothing inside the archive has, so
    unzipping next to the download asks nothing (and .txt, so that a static host serves it as text)."""
    archive = archive_of(release)
    assert archive.name == f"{DESCRIPTOR['name']}-{DESCRIPTOR['version']}.zip"
    import hashlib
    beside = sorted(p.name for p in release.iterdir())
    assert beside == [archive.name, f"{archive.name}.sha256.txt"]
    assert (release / f"{archive.name}.sha256.txt").read_text(encoding="utf-8") == \
        f"{hashlib.sha256(archive.read_bytes()).hexdigest()}  {archive.name}\n"
    with zipfile.ZipFile(archive) as zf:
        assert not set(beside) & {Path(n).name for n in zf.namelist()}


def test_second_release_gives_identical_bytes(release):
    """The archive is made again from the same files (release.py's freshness check aside): same bytes."""
    again = release_script.archive_bytes(release_script.archive_contents(ROOT))
    assert again == archive_of(release).read_bytes()


def test_archive_has_the_descriptor_at_its_root_and_every_file_listed(release, tmp_path):
    with zipfile.ZipFile(archive_of(release)) as zf:
        names = set(zf.namelist())
        zf.extractall(tmp_path)
    for needed in ["datapackage.json", "SHA256SUMS", "README.md", "LICENSE", "LICENSE-DATA.md", "CHANGELOG.md",
                   "CITATION.cff", "CURATION.md", "data/events.csv", "data/parquet/events.parquet",
                   "data/exports/timeline.svg", "data/exports/timeline.json", "schemas/events.schema.json"]:
        assert needed in names
    listed = {line.split("  ", 1)[1] for line in (tmp_path / "SHA256SUMS").read_text(encoding="utf-8").splitlines()}
    assert listed == names - {"SHA256SUMS"}
    assert validate.validate(tmp_path) == []


def test_frictionless_validates_every_table_of_the_archive_as_it_is(release):
    result = run_frictionless("validate", "--json", archive_of(release).name, cwd=release)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-2000:]
    assert sorted(t["name"] for t in report["tasks"]) == sorted(r["name"] for r in DESCRIPTOR["resources"])
    assert all(t["stats"]["rows"] > 0 for t in report["tasks"])


def test_one_changed_byte_inside_the_archive_makes_frictionless_refuse_it(release, tmp_path):
    archive = archive_of(release)
    tampered = tmp_path / archive.name
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(tampered, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "data/themes.csv":
                data = data.replace(b"Fraud", b"Frawd", 1)
            target.writestr(info, data)
    result = run_frictionless("validate", "--json", tampered.name, cwd=tmp_path)
    assert result.returncode == 1
    failed = {t["name"]: {e["type"] for e in t["errors"]} for t in json.loads(result.stdout)["tasks"] if not t["valid"]}
    assert failed == {"themes": {"hash-count"}}


def test_one_changed_byte_in_any_released_file_fails_validation(release, tmp_path):
    """Tamper test: flip one byte of each file of the extracted release; validation names that file."""
    with zipfile.ZipFile(archive_of(release)) as zf:
        zf.extractall(tmp_path)
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert len(files) > 30
    for path in files:
        original = path.read_bytes()
        middle = len(original) // 2
        path.write_bytes(original[:middle] + bytes([original[middle] ^ 0x01]) + original[middle + 1:])
        try:
            problems = validate.validate(tmp_path, use_frictionless=False)
        finally:
            path.write_bytes(original)
        rel = path.relative_to(tmp_path).as_posix()
        assert problems, f"changing one byte of {rel} went unnoticed"
        assert any(rel in str(p) for p in problems), f"{rel} not named: {problems[:3]}"


def test_archive_readme_is_true_for_the_archive(release):
    """No set-up or test commands for files the archive lacks; every relative link resolves inside it."""
    with zipfile.ZipFile(archive_of(release)) as zf:
        names = set(zf.namelist())
        readme = zf.read("README.md").decode("utf-8")
    assert "repository-only" not in readme and "<!--" not in readme
    assert "make test" not in readme and "scripts/" not in readme
    assert "sha256sum -c SHA256SUMS" in readme and "frictionless validate datapackage.json" in readme
    links = [target for target in re.findall(r"\]\(([^)\s#]+)", readme) if "://" not in target]
    assert links, "the README links no file"
    assert [t for t in links if t not in names] == []


def test_the_archive_holds_no_address_and_says_what_its_quotations_are(release):
    """The archive depends on nothing but the package's files: its descriptor is the repository's, its
    README names no address the descriptor lacks and says that quotations remain their publishers'."""
    with zipfile.ZipFile(archive_of(release)) as zf:
        descriptor = json.loads(zf.read("datapackage.json"))
        readme = zf.read("README.md").decode("utf-8")
        cff = zf.read("CITATION.cff").decode("utf-8")
    assert descriptor == DESCRIPTOR
    assert cff == (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    about = readme.split("\n\n")[1]
    assert "Cite it with its version, as in CITATION.cff." in about and "http" not in about.replace("https://creativecommons.org", "")
    assert "In claims: The field quote holds the sources' own words, which remain their publishers'" in about


def test_publishing_at_any_address_gives_the_recorded_archive(release, published, tmp_path):
    """One version, one archive: the site built with other addresses and another DOI, or with none, carries
    the archive make release writes, byte for byte."""
    from event_timeline.release.addresses import addresses_for
    from event_timeline.site.page import build_site
    archive = archive_of(release)
    build_site(ROOT, tmp_path / "elsewhere", addresses_for(ROOT, "https://example.org/elsewhere/", "https://example.org/files/", "10.5072/other"))
    build_site(ROOT, tmp_path / "draft", addresses_for(ROOT))
    version = DESCRIPTOR["version"]
    for folder in (published / "site" / version, published / "site" / "latest", published, tmp_path / "elsewhere" / version,
                   tmp_path / "draft" / version):
        assert (folder / archive.name).read_bytes() == archive.read_bytes(), folder
        assert (folder / f"{archive.name}.sha256.txt").read_bytes() == (release / f"{archive.name}.sha256.txt").read_bytes()


def test_release_refuses_stale_derived_files_and_writes_nothing(mini_package, tmp_path, capsys):
    themes = mini_package / "data" / "themes.csv"
    themes.write_text(themes.read_text(encoding="utf-8").replace("Fraud", "Frauds", 1), encoding="utf-8")
    assert release_script.run(mini_package, tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert err.startswith("release refused: stale [") and "'data/parquet/themes.parquet'" in err and err.rstrip().endswith("run make")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("option,given,expected", [
    ("--landing-page", "notaurl", "argument --landing-page: found 'notaurl'; expected the release's landing page as an absolute http(s) address"),
    ("--landing-page", "ftp://example.org/x", "argument --landing-page: found 'ftp://example.org/x'; expected the release's landing page"),
    ("--download-base", "https://", "argument --download-base: found 'https://'; expected the release's download base"),
    ("--download-base", "https://doi.org/10.5072/x", "argument --download-base: found 'https://doi.org/10.5072/x'; a DOI resolves to a "
     "landing page and serves no files, so download links under it would not resolve: give the DOI as --doi"),
    ("--doi", "https://example.org/not-a-doi", "argument --doi: found 'https://example.org/not-a-doi'; expected a DOI such as 10.5072/zenodo.123"),
])
def test_an_address_that_is_not_one_is_refused_before_anything_is_made(option, given, expected, tmp_path):
    """The addresses go into the page, its JSON-LD and the DataCite metadata: a mistake there must stop
    site_build.py and publish.py, not be published."""
    from conftest import run_script
    for script, args in (("site_build.py", ["--out", str(tmp_path / "site")]), ("publish.py", ["--out", str(tmp_path / "publish")])):
        result = run_script(script, *args, option, given)
        assert result.returncode == 2
        assert expected in result.stderr, result.stderr
    assert list(tmp_path.iterdir()) == []
