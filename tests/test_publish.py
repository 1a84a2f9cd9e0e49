"""Publishing, up to the network boundary: three addresses that never change the archive, metadata that
repositories and search engines read (DataCite against its own schema, Zenodo's, CITATION.cff against the
CFF schema, the page's schema.org Dataset), the package validating where it is published (served here on
127.0.0.1), the Zenodo deposit against a local stand-in of its API, the release notes and the workflow that
runs it all on a tag. Only reserved values: example.org and DataCite's test prefix 10.5072."""
from __future__ import annotations

import argparse
import functools
import json
import mimetypes
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import RELEASE_ADDRESS, ROOT, TEST_DOI
from event_timeline.documents.citation import citation_cff
from event_timeline.publish import metadata, notes, zenodo
from event_timeline.release import archive as release
from event_timeline.release.addresses import addresses, doi_name, download_base, landing_page

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
VERSION = DESCRIPTOR["version"]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"

pytestmark = pytest.mark.xdist_group("release")  # one worker makes the session's publish folder


# ---------- three addresses, each its own setting ----------

def test_a_doi_is_a_doi_and_never_a_place_to_download_from():
    assert doi_name("https://doi.org/10.5072/abc") == doi_name("doi:10.5072/abc") == doi_name(" 10.5072/abc ") == "10.5072/abc"
    with pytest.raises(argparse.ArgumentTypeError, match="a DOI resolves to a landing page and serves no files"):
        download_base("https://doi.org/10.5072/abc")
    with pytest.raises(argparse.ArgumentTypeError, match="expected a DOI such as 10.5072/zenodo.123"):
        doi_name("https://example.org/10.5072/abc")
    assert landing_page("https://example.org/pkg/") == "https://example.org/pkg/"
    where = addresses("https://example.org/pkg/", "", "https://doi.org/10.5072/abc", "4.0.0", "https://doi.org/10.5072/concept")
    assert (where.download_base, where.doi, where.concept_doi) == ("https://example.org/pkg/4.0.0/", "10.5072/abc", "10.5072/concept")
    assert where.download("data/events.csv") == "https://example.org/pkg/4.0.0/data/events.csv"
    assert addresses("", "", "", "4.0.0", "https://example.org/an-id-that-is-no-doi").concept_doi == ""


# ---------- metadata ----------

def test_datacite_metadata_is_valid_against_datacites_schema_and_says_the_doi_and_the_rights(published):
    dc = json.loads((published / "datacite.json").read_text(encoding="utf-8"))
    assert metadata.datacite_problems(dc) == []
    assert dc["doi"] == TEST_DOI and dc["url"] == RELEASE_ADDRESS and dc["types"]["resourceTypeGeneral"] == "Dataset"
    assert dc["version"] == VERSION and dc["titles"][0]["title"] == DESCRIPTOR["title"]
    assert dc["rightsList"][0]["rightsIdentifier"] == "CC-BY-4.0"
    assert any("remain their publishers'" in r["rights"] and r["rights"].startswith("In claims:") for r in dc["rightsList"])
    archive = release.archive_name(DESCRIPTOR)
    assert {"relatedIdentifier": f"{RELEASE_ADDRESS}{VERSION}/{archive}", "relatedIdentifierType": "URL",
            "relationType": "IsVariantFormOf"} in dc["relatedIdentifiers"]


def test_an_invalid_datacite_record_is_named_field_by_field():
    dc = metadata.datacite(DESCRIPTOR, "2026-12-06", {"name": "x.zip", "bytes": 1}, addresses(), "Zenodo")
    assert metadata.datacite_problems(dc) == []
    dc["types"] = {"resourceTypeGeneral": "Spreadsheet"}
    del dc["publisher"]
    assert metadata.datacite_problems(dc) == ["(top): 'publisher' is a required property",
                                              "types/resourceTypeGeneral: 'Spreadsheet' is not one of " +
                                              repr(json.loads((Path(__import__("datacite").__file__).parent / "schemas" / "datacite-v4.5.json")
                                                              .read_text())["definitions"]["resourceTypeGeneral"]["enum"])]


def test_zenodo_metadata_says_what_the_datacite_metadata_says(published):
    dc = json.loads((published / "datacite.json").read_text(encoding="utf-8"))
    zm = json.loads((published / "zenodo.json").read_text(encoding="utf-8"))
    assert zm["title"] == dc["titles"][0]["title"] and zm["version"] == dc["version"] == VERSION
    assert [c["name"] for c in zm["creators"]] == [c["name"] for c in dc["creators"]]
    assert zm["description"] == dc["descriptions"][0]["description"] and zm["keywords"] == [s["subject"] for s in dc["subjects"]]
    assert zm["license"] == dc["rightsList"][0]["rightsIdentifier"].lower() and zm["upload_type"] == "dataset"
    assert zm["doi"] == dc["doi"] and zm["notes"] == " ".join(r["rights"] for r in dc["rightsList"][1:])


def test_citation_cff_is_generated_from_the_descriptor_and_valid_against_the_cff_schema():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "tests" / "data" / "profiles" / "cff-1.2.0" / "schema.json").read_text(encoding="utf-8"))
    assert sorted(str(e.message) for e in jsonschema.Draft7Validator(schema).iter_errors(json.loads(json.dumps(cff, default=str)))) == []
    assert (cff["title"], cff["version"], cff["abstract"], cff["keywords"]) == \
        (DESCRIPTOR["title"], VERSION, DESCRIPTOR["description"], DESCRIPTOR["keywords"])
    assert cff["license"] == "CC-BY-4.0" and cff["type"] == "dataset"
    published = {**DESCRIPTOR, "homepage": "https://example.org/pkg/", "id": f"https://doi.org/{TEST_DOI}"}
    text = citation_cff(published, (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert f"\ndoi: {TEST_DOI}\n" in text and "\nurl: https://example.org/pkg/\n" in text and "repository-code" not in text


def test_the_descriptor_names_its_sources_and_when_it_was_created():
    sources = {s["path"] for s in DESCRIPTOR["sources"]}
    import csv
    with open(ROOT / "data" / "sources.csv", encoding="utf-8", newline="") as fh:
        assert sources == {r["url"] for r in csv.DictReader(fh)}
    assert not any(s["path"].startswith("data/") for s in DESCRIPTOR["sources"])
    first = subprocess.run(["git", "-C", str(ROOT), "log", "--reverse", "--format=%aI", "--", "datapackage.json"],
                           capture_output=True, text=True).stdout.split()
    if first:  # a clone with its history: created is the time the package was first committed
        import datetime as dt
        assert dt.datetime.fromisoformat(DESCRIPTOR["created"].replace("Z", "+00:00")) == dt.datetime.fromisoformat(first[0])


def test_rights_on_quotations_are_declared_where_machines_read_them(published):
    claims = next(r for r in DESCRIPTOR["resources"] if r["name"] == "claims")
    assert [l.get("name") for l in claims["licenses"]] == ["CC-BY-4.0", None]
    words = "remain their publishers' and are quoted for verification only"
    assert words in claims["licenses"][1]["title"]
    page = (published / "site" / "index.html").read_text(encoding="utf-8")
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert words in jsonld["copyrightNotice"]
    assert words in (published / "site" / VERSION / "README.md").read_text(encoding="utf-8").split("\n\n")[1]
    assert "quoted for verification" in (ROOT / "LICENSE-DATA.md").read_text(encoding="utf-8")


def test_the_pages_dataset_follows_the_guidelines_for_datasets(published):
    page = (published / "site" / "index.html").read_text(encoding="utf-8")
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert jsonld["url"] == RELEASE_ADDRESS and jsonld["identifier"] == f"https://doi.org/{TEST_DOI}"
    assert jsonld["version"] == VERSION and jsonld["license"].startswith("https://creativecommons.org/")
    downloads = jsonld["distribution"]
    assert len({d["contentUrl"] for d in downloads}) == len(downloads) > 20
    assert all(d["@type"] == "DataDownload" and d["contentUrl"].startswith(f"{RELEASE_ADDRESS}{VERSION}/") and d["encodingFormat"]
               for d in downloads)
    assert all(c["@type"] == "CreativeWork" for c in jsonld["citation"])  # the works it cites, not itself
    assert not any(DESCRIPTOR["title"] in json.dumps(c) for c in jsonld["citation"])


def test_release_notes_are_the_versions_changelog_section(published):
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    section = (published / "release-notes.md").read_text(encoding="utf-8")
    assert section.strip() and f"## [{VERSION}]" not in section and section.strip() in changelog
    with pytest.raises(ValueError, match=r"CHANGELOG.md has no section '## \[9.9.9\] - YYYY-MM-DD'"):
        notes.changelog_section(changelog, "9.9.9")


# ---------- the package validates where it is published ----------

class StaticHost(SimpleHTTPRequestHandler):
    """Serves files by extension, as a static host does (GitHub Pages uses mime-db: .txt is text/plain, an
    unknown extension application/octet-stream)."""
    extensions_map = {**mimetypes.types_map, "": "application/octet-stream"}

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def host(published):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHost, directory=str(published / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize("folder", [VERSION, "latest"])
def test_frictionless_validates_the_package_over_http_where_it_is_published(host, folder):
    from frictionless import validate
    report = validate(f"{host}/{folder}/datapackage.json")
    assert report.valid, report.flatten(["type", "note"])[:5]
    assert sorted(t.name for t in report.tasks) == sorted(r["name"] for r in DESCRIPTOR["resources"])


def test_pandas_reads_a_table_over_http_and_the_checksum_is_served_as_text(host):
    import urllib.request
    import pandas as pd
    events = pd.read_csv(f"{host}/{VERSION}/data/events.csv", dtype=str, keep_default_na=False)
    assert len(events) == len(pd.read_csv(ROOT / "data" / "events.csv", dtype=str, keep_default_na=False))
    name = release.checksum_name(release.archive_name(DESCRIPTOR))
    with urllib.request.urlopen(f"{host}/{VERSION}/{name}") as response:
        assert response.headers["Content-Type"].startswith("text/plain")
        assert response.read().decode().endswith(f"  {release.archive_name(DESCRIPTOR)}\n")


# ---------- the Zenodo deposit, against a stand-in of its API on 127.0.0.1 ----------

class FakeZenodo(BaseHTTPRequestHandler):
    """The part of Zenodo's deposit API the deposit uses; records what it was asked."""
    log: list = []
    stored: dict = {}

    def log_message(self, *args):
        pass

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _handle(self, method: str) -> None:
        body = self._body()
        self.log.append((method, self.path, self.headers.get("Authorization")))
        base = f"http://{self.headers['Host']}/api"
        if self.headers.get("Authorization") != "Bearer test-token":
            return self._answer(403, {"message": "Permission denied."})
        draft = {"id": 7, "links": {"bucket": f"{base}/files/bucket-7", "latest_draft": f"{base}/deposit/depositions/7"},
                 "files": [{"id": "old-file"}]}
        if (method, self.path) == ("POST", "/api/deposit/depositions"):
            return self._answer(201, {**draft, "files": []})
        if (method, self.path) == ("POST", "/api/deposit/depositions/5/actions/newversion"):
            return self._answer(201, {"id": 5, "links": {"latest_draft": f"{base}/deposit/depositions/7"}})
        if (method, self.path) == ("GET", "/api/deposit/depositions/7"):
            return self._answer(200, draft)
        if (method, self.path) == ("DELETE", "/api/deposit/depositions/7/files/old-file"):
            return self._answer(204, {})
        if method == "PUT" and self.path.startswith("/api/files/bucket-7/"):
            self.stored[self.path.rsplit("/", 1)[1]] = body
            return self._answer(201, {"key": self.path.rsplit("/", 1)[1]})
        if (method, self.path) == ("PUT", "/api/deposit/depositions/7"):
            self.stored["metadata"] = json.loads(body)["metadata"]
            return self._answer(200, draft)
        if (method, self.path) == ("POST", "/api/deposit/depositions/7/actions/publish"):
            return self._answer(202, {"id": 7, "doi": "10.5072/zenodo.7", "conceptdoi": "10.5072/zenodo.5",
                                      "links": {"record_html": "https://example.org/records/7"}})
        return self._answer(404, {"message": f"no {method} {self.path}"})

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_PUT(self):
        self._handle("PUT")

    def do_DELETE(self):
        self._handle("DELETE")


@pytest.fixture
def fake_zenodo():
    FakeZenodo.log, FakeZenodo.stored = [], {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeZenodo)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/api"
    httpd.shutdown()


def release_files(published) -> list[Path]:
    name = release.archive_name(DESCRIPTOR)
    return [published / name, published / release.checksum_name(name)]


def test_a_new_version_is_deposited_under_the_concept_record_and_published(fake_zenodo, published):
    client = zenodo.Client(fake_zenodo, "test-token", say=lambda _: None)
    meta = json.loads((published / "zenodo.json").read_text(encoding="utf-8"))
    done = zenodo.deposit(client, release_files(published), meta, latest_record="5")
    assert done == {"doi": "10.5072/zenodo.7", "concept_doi": "10.5072/zenodo.5", "record": "https://example.org/records/7", "id": "7"}
    assert [(m, p) for m, p, _ in FakeZenodo.log] == [
        ("POST", "/api/deposit/depositions/5/actions/newversion"), ("GET", "/api/deposit/depositions/7"),
        ("DELETE", "/api/deposit/depositions/7/files/old-file"),
        *[("PUT", f"/api/files/bucket-7/{p.name}") for p in release_files(published)],
        ("PUT", "/api/deposit/depositions/7"), ("POST", "/api/deposit/depositions/7/actions/publish")]
    for path in release_files(published):
        assert FakeZenodo.stored[path.name] == path.read_bytes()
    assert FakeZenodo.stored["metadata"] == meta


def test_the_first_deposit_makes_a_record_and_a_dry_run_sends_nothing(fake_zenodo, published, capsys):
    meta = json.loads((published / "zenodo.json").read_text(encoding="utf-8"))
    done = zenodo.deposit(zenodo.Client(fake_zenodo, "test-token", say=lambda _: None), release_files(published), meta)
    assert done["doi"] == "10.5072/zenodo.7" and FakeZenodo.log[0][:2] == ("POST", "/api/deposit/depositions")
    FakeZenodo.log.clear()
    said = []
    zenodo.deposit(zenodo.Client(fake_zenodo, "", dry_run=True, say=said.append), release_files(published), meta, latest_record="5")
    assert FakeZenodo.log == [] and said[0] == f"dry run: POST {fake_zenodo}/deposit/depositions/5/actions/newversion"


def test_a_refused_deposit_is_one_line_naming_the_request_and_what_zenodo_said(fake_zenodo, published, capsys):
    code = zenodo.run(fake_zenodo, "wrong-token", release_files(published), published / "zenodo.json", None, True, False)
    assert code == 1
    assert capsys.readouterr().err == (f"zenodo refused: POST {fake_zenodo}/deposit/depositions: Zenodo answered 403 "
                                       "({\"message\": \"Permission denied.\"}); check the token's deposit scopes and the record id\n")
    assert zenodo.run(fake_zenodo, "", release_files(published), published / "zenodo.json", None, True, False) == 1
    assert "zenodo refused: no token: set ZENODO_TOKEN" in capsys.readouterr().err


# ---------- the workflow a tag push runs ----------

def test_the_release_workflow_runs_the_readmes_commands_the_gate_and_publishes_with_provenance():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert flow[True]["push"]["tags"] == ["v[0-9]+.[0-9]+.[0-9]+"]  # YAML reads the key `on` as true
    assert flow["permissions"] == {}
    build = flow["jobs"]["build"]
    runs = [s.get("run", "") for s in build["steps"]]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make        #" in readme and "make test   #" in readme
    assert "make" in runs and "make test" in runs and "make release-verify" in runs
    assert any(s.get("uses", "").startswith("actions/attest-build-provenance@") for s in build["steps"])
    assert build["container"].startswith("python:3.11")  # the reference builder: Debian 12, as the recorded releases
    publish = flow["jobs"]["publish"]
    uses = [s.get("uses", "") for s in publish["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses) and any(u.startswith("actions/configure-pages@") for u in uses)
    assert any("gh release create" in s.get("run", "") for s in publish["steps"])
    assert all("make" not in s.get("run", "") or "install-publish" in s.get("run", "") for s in publish["steps"])


@pytest.mark.parametrize("broken", [False, True])
def test_the_workflow_passes_githubs_schema_and_a_broken_one_does_not(tmp_path, broken):
    text = WORKFLOW.read_text(encoding="utf-8")
    if broken:
        text = text.replace("runs-on: ubuntu-24.04\n    container: python:3.11.7-bookworm\n    permissions:\n      contents: read\n      id-token",
                            "runs_on: ubuntu-24.04\n    container: python:3.11.7-bookworm\n    permissions:\n      contents: read\n      id-token", 1)
    (tmp_path / "release.yml").write_text(text, encoding="utf-8")
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", str(tmp_path / "release.yml")],
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode == 0) != broken, result.stdout + result.stderr
