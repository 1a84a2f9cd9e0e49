"""The package against the standard: every descriptor and Table Schema it ships validates against
the official Data Package v2.0 JSON profiles (copies in tests/data/profiles, with where they came
from), and its metadata is complete: titles, encodings, an image, no invented address."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import jsonschema
import pytest

from event_timeline.model.descriptor import load_tables, table_resources
from conftest import ROOT

PROFILES = Path(__file__).parent / "data" / "profiles" / "2.0"
DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


def profile(name: str) -> dict:
    return json.loads((PROFILES / f"{name}.json").read_text(encoding="utf-8"))


def problems(instance: dict, name: str) -> list[str]:
    validator = jsonschema.Draft7Validator(profile(name), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(instance)]


def release_descriptors(*folders: Path) -> dict[str, dict]:
    """The descriptors of the releases in these folders."""
    out = {}
    for folder in folders:
        with zipfile.ZipFile(next(folder.glob("*.zip"))) as zf:
            out[folder.name] = json.loads(zf.read("datapackage.json"))
    return out


def test_the_profiles_are_the_recorded_copies():
    import hashlib
    readme = (PROFILES.parent / "README.md").read_text(encoding="utf-8")
    for path in sorted(PROFILES.glob("*.json")):
        assert f"`{hashlib.sha256(path.read_bytes()).hexdigest()}`" in readme, path.name


@pytest.mark.xdist_group("release")  # on the worker that makes the release fixtures (test_release.py)
def test_every_descriptor_the_package_ships_passes_the_data_package_profile(release):
    descriptors = {"repository": DESCRIPTOR, **release_descriptors(release)}
    for label, descriptor in descriptors.items():
        assert problems(descriptor, "datapackage") == [], label
        for resource in descriptor["resources"]:
            assert problems(resource, "dataresource") == [], (label, resource["name"])
            assert problems(resource["dialect"], "tabledialect") == [], (label, resource["name"])


@pytest.mark.parametrize("name", sorted(load_tables(ROOT)[1]))
def test_every_table_schema_passes_the_table_schema_profile(name):
    assert problems(load_tables(ROOT)[1][name].schema, "tableschema") == []


def test_every_resource_is_a_titled_table_with_its_encoding_and_checksum():
    assert [r["name"] for r in table_resources(DESCRIPTOR)] == [r["name"] for r in DESCRIPTOR["resources"]]
    for r in DESCRIPTOR["resources"]:
        assert r["type"] == "table" and r["title"] and r["description"]
        assert r["encoding"] == "utf-8" and r["mediatype"] == "text/csv"
        assert r["hash"].startswith("sha256:") and r["bytes"] > 0


def test_the_package_has_an_image_and_no_invented_address():
    """No address before one exists: homepage (the landing page) and id (the concept DOI) are set in the
    descriptor once the package is published, and CITATION.cff follows them."""
    assert (ROOT / DESCRIPTOR["image"]).is_file()
    assert "homepage" not in DESCRIPTOR and "id" not in DESCRIPTOR
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert "url:" not in cff and "doi:" not in cff and "repository-code:" not in cff
