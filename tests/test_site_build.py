"""The published site as files (the browser tests are make test-site): honest date labels, one self-contained
page under the weight limit, a folder per version holding the archive's files beside the archive, a latest/
folder, downloads whose checksums match and that come from the one list of published files, no invented address."""
from __future__ import annotations

import hashlib
import json
import re

import pytest

from conftest import ROOT
from event_timeline.exports import registry
from event_timeline.release import archive as release
from event_timeline.release.addresses import addresses_for
from event_timeline.site import page as site_build
from event_timeline.site.data import timeline, when_label

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("start,end,time,inferred,label", [
    ("2025-11-04", "2025-11-04", "09:00", "", "4 November 2025, 09:00"),
    ("2025-11-03", "2025-11-07", "", "", "3 November 2025 to 7 November 2025"),
    ("2025-11", "2025-11", "", "", "November 2025 (day not reported)"),
    ("2026", "2026", "", "", "2026 (month not reported)"),
    ("2025-11-10", "2025-11-10", "", "Date inferred", "10 November 2025 (date inferred)"),
    ("2025-11-04", "2025-11-04", "", "Year inferred", "4 November 2025 (year inferred)"),
    ("2025-11", "2025-11", "", "Month and year inferred", "November 2025 (day not reported; month and year inferred)"),
    ("2025-07-24", "", "", "", "24 July 2025 (no end reported)"),
])
def test_dates_are_labelled_as_precisely_as_they_are_known(start, end, time, inferred, label):
    """inferred is the label of the parts worked out (events.inferred_date_parts), said after the precision."""
    assert when_label(start, end, time, inferred) == label


def test_parts_known_only_to_the_month_come_after_the_dated_ones_in_a_group_of_their_own():
    def event(i, start, parent="c", name=""):
        return {"event_id": i, "parent_event_id": parent, "name": name or i, "start": start, "end": start,
                "start_time": "", "inferred_date_parts": ""}
    events = [event("c", "2025-11-03", ""), event("plenary", "2025-11"), event("opening", "2025-11-04"),
              event("forum", "2025-11"), event("closing", "2025-11-06"), event("later", "2025-12-01")]
    parts = timeline(events, {})[0]["children"]
    assert [p.get("id") or p["group"] for p in parts] == ["opening", "closing", "November 2025: day not reported", "later"]
    assert [p["id"] for p in parts[2]["children"]] == ["forum", "plenary"]


@pytest.fixture(scope="module")
def draft_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    index, size = site_build.build_site(ROOT, out, addresses_for(ROOT))
    return out, index.read_text(encoding="utf-8"), size


def page_data(text: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="package-data">(.*?)</script>', text, re.S).group(1))


def test_the_page_is_one_self_contained_file_under_the_limit_with_checked_downloads(draft_site):
    out, text, size = draft_site
    assert size == len(text.encode("utf-8")) <= site_build.MAX_BYTES
    assert not re.search(r"<(script|img|iframe)[^>]+src=|<link[^>]+rel=\"stylesheet\"|@import|url\(http", text)
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))
    assert "url" not in jsonld and "identifier" not in jsonld and "Draft release" in text
    for d in jsonld["distribution"]:
        assert hashlib.sha256((out / d["contentUrl"]).read_bytes()).hexdigest() == d["sha256"]


def test_each_version_folder_holds_the_archives_files_beside_the_archive_and_latest_is_the_same(draft_site):
    out, _, _ = draft_site
    version = DESCRIPTOR["version"]
    folder = out / version
    archive = folder / release.archive_name(DESCRIPTOR)
    import zipfile
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            assert (folder / name).read_bytes() == zf.read(name), name
    assert sorted(p.relative_to(out / "latest") for p in (out / "latest").rglob("*")) == sorted(p.relative_to(folder) for p in folder.rglob("*"))
    assert (out / ".nojekyll").is_file()
    assert (folder / "schemas" / "events.schema.json").is_file()  # frictionless validate <address>/<version>/datapackage.json needs them


def test_the_page_offers_every_published_file_with_the_registrys_media_type_and_description(draft_site):
    """The export registry is the one list: a file the build publishes (SHA256SUMS lists it) and the page does not
    offer, or offers with another media type or description, fails here."""
    out, text, _ = draft_site
    offered = {d["name"]: d for d in page_data(text)["downloads"]}
    listed = {line.split("  ", 1)[1] for line in (ROOT / "SHA256SUMS").read_text(encoding="utf-8").splitlines()}
    assert listed | {"SHA256SUMS"} <= set(offered)
    for f in registry.published_files(DESCRIPTOR) + release.archive_files(DESCRIPTOR):
        assert (offered[f.path]["mediatype"], offered[f.path]["description"]) == (f.mediatype, f.description), f.path
    assert offered[release.checksum_name(release.archive_name(DESCRIPTOR))]["mediatype"] == "text/plain"


def test_every_export_declares_what_it_writes_and_the_checksum_list_is_the_registrys(tmp_path):
    """A new export the registry does not list would go unpublished: SHA256SUMS, built from what the build writes,
    lists exactly the registry's files."""
    listed = sorted(line.split("  ", 1)[1] for line in (ROOT / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    declared = sorted(f.path for f in registry.published_files(DESCRIPTOR) if f.path != "SHA256SUMS")
    assert listed == declared


def test_an_earlier_archive_is_published_only_as_recorded(tmp_path, draft_site):
    out, _, _ = draft_site
    stray = tmp_path / f"{DESCRIPTOR['name']}-0.9.0.zip"
    stray.write_bytes((out / DESCRIPTOR["version"] / release.archive_name(DESCRIPTOR)).read_bytes())
    with pytest.raises(site_build.SiteError, match=r"0\.9\.0\.zip: found SHA-256 [0-9a-f]{64}; expected an archive releases.json records"):
        site_build.build_site(ROOT, tmp_path / "site", addresses_for(ROOT), [stray])
