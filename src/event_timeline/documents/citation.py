"""CITATION.cff, generated from the descriptor: one source of truth for how the package is cited.

In: the descriptor (title, version, description, keywords, licences, the contributors with the creator
role, and, once the package is published, homepage and id) and CHANGELOG.md's heading of the version
(`## [X.Y.Z] - YYYY-MM-DD`), when the package keeps a changelog. Out: the text of CITATION.cff (CFF 1.2.0,
type dataset): title, version, date-released, the DOI when the descriptor's id is a DOI (https://doi.org/…),
url (the homepage), licence, authors, abstract and keywords. Deterministic; no address is made up.
"""
from __future__ import annotations

import yaml

from event_timeline.model import changelog
from event_timeline.model.doi import doi_in

CFF = "CITATION.cff"
CHANGELOG = changelog.FILE


def creators(descriptor: dict) -> list[str]:
    return [c["title"] for c in descriptor.get("contributors", []) if "creator" in c.get("roles", []) and c.get("title")]


def citation_cff(descriptor: dict, changelog_text: str | None) -> str:
    """The CITATION.cff text for the descriptor (and the changelog's date of its version)."""
    licence = next((l["name"] for l in descriptor.get("licenses", []) if l.get("name")), None)
    cff: dict = {"cff-version": "1.2.0", "message": "If you use this dataset, please cite it as below.", "type": "dataset",
                 "title": descriptor.get("title", descriptor["name"]), "version": descriptor.get("version")}
    date = changelog.release_date(changelog_text, str(descriptor.get("version")))
    if date:
        cff["date-released"] = date
    if doi_in(descriptor.get("id")):
        cff["doi"] = doi_in(descriptor.get("id"))
    if descriptor.get("homepage"):
        cff["url"] = descriptor["homepage"]
    if licence:
        cff["license"] = licence
    cff["authors"] = [{"name": name} for name in creators(descriptor)]
    if descriptor.get("description"):
        cff["abstract"] = descriptor["description"]
    if descriptor.get("keywords"):
        cff["keywords"] = list(descriptor["keywords"])
    header = "# Generated from datapackage.json by the build (documents/citation.py): edit the descriptor, not this file.\n"
    return header + yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
