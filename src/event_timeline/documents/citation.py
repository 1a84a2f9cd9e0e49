"""CITATION.cff, generated from the descriptor: one source of truth for how the package is cited.

In: the descriptor (title, version, description, keywords, licences, the contributors with the creator
role, and, once the package is published, homepage and id) and CHANGELOG.md's heading of the version
(`## [X.Y.Z] - YYYY-MM-DD`), when the package keeps a changelog. Out: the text of CITATION.cff (CFF 1.2.0,
type dataset): title, version, date-released, the DOI when the descriptor's id is a DOI (https://doi.org/…),
url (the homepage), licence, authors, abstract and keywords. Deterministic; no address is made up.
"""
from __future__ import annotations

import datetime as dt
import re

import yaml

CFF = "CITATION.cff"
CHANGELOG = "CHANGELOG.md"
DOI_RESOLVER = "https://doi.org/"


def release_date(changelog: str | None, version: str) -> dt.date | None:
    """The date of `## [version] - YYYY-MM-DD` in the changelog; None without one."""
    if not changelog:
        return None
    match = re.search(rf"^## \[{re.escape(version)}\] - (\d{{4}}-\d{{2}}-\d{{2}})\s*$", changelog, re.M)
    return dt.date.fromisoformat(match.group(1)) if match else None


def doi_of(identifier: str | None) -> str | None:
    """'10.5072/abc' from 'https://doi.org/10.5072/abc'; None for any other id."""
    if identifier and identifier.startswith(DOI_RESOLVER) and identifier[len(DOI_RESOLVER):].startswith("10."):
        return identifier[len(DOI_RESOLVER):]
    return None


def creators(descriptor: dict) -> list[str]:
    return [c["title"] for c in descriptor.get("contributors", []) if "creator" in c.get("roles", []) and c.get("title")]


def citation_cff(descriptor: dict, changelog: str | None) -> str:
    """The CITATION.cff text for the descriptor (and the changelog's date of its version)."""
    licence = next((l["name"] for l in descriptor.get("licenses", []) if l.get("name")), None)
    cff: dict = {"cff-version": "1.2.0", "message": "If you use this dataset, please cite it as below.", "type": "dataset",
                 "title": descriptor.get("title", descriptor["name"]), "version": descriptor.get("version")}
    date = release_date(changelog, str(descriptor.get("version")))
    if date:
        cff["date-released"] = date
    if doi_of(descriptor.get("id")):
        cff["doi"] = doi_of(descriptor.get("id"))
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
