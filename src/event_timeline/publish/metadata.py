"""The metadata repositories and search engines read, generated from the descriptor (one source of truth).

In: the release's descriptor, its date, archive (name, size) and addresses (release.addresses). Out:
- datacite(...): DataCite metadata (kernel 4.5, the JSON of DataCite's REST API), its titles, descriptions,
  subjects, version and creators from dplib-py's DataCite conversion of the descriptor, completed with what
  that conversion leaves out or words otherwise (organisational creators without a contributor type,
  contributor types from DataCite's vocabulary, publisher, publication year, resource type, rights, dates,
  sizes, formats, the DOI and landing page, the concept DOI as IsVersionOf);
- datacite_problems(...): its problems against DataCite's own JSON schema (the `datacite` package's);
- zenodo(...): the deposit metadata Zenodo reads (the format of .zenodo.json and of its deposit API),
  saying the same: title, version, creators, description, licence, keywords, the rights on quotations;
- rights(...): the package's licence and what its resources' own licences add (quotations remain their
  publishers'), the same words everywhere.
"""
from __future__ import annotations

import json
import warnings
from pathlib import Path

from event_timeline.documents.archive_readme import rights_notes
from event_timeline.release.addresses import Addresses

SCHEMA_VERSION = "http://datacite.org/schema/kernel-4"
CONTRIBUTOR_TYPES = {"curator": "DataCurator", "researcher": "Researcher", "editor": "Editor", "maintainer": "DataManager",
                     "publisher": "Distributor", "contact": "ContactPerson", "funder": "Sponsor"}
SPDX = "https://spdx.org/licenses/"


def _dplib_datacite(descriptor: dict) -> dict:
    """dplib-py's DataCite conversion of the descriptor (its titles, descriptions, subjects, version, people)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dplib's models warn about a field named `schema`
        from dplib.models import Package
        from dplib.plugins.datacite.models import DatacitePackage

        package = Package.from_dict({k: v for k, v in descriptor.items() if k != "resources"})
        return DatacitePackage.from_dp(package).to_dict()


def rights(descriptor: dict) -> list[dict]:
    """DataCite rightsList: each licence of the package (SPDX id and address), then each note its resources add."""
    out = []
    for licence in descriptor.get("licenses", []):
        entry = {"rights": licence.get("title") or licence.get("name", "")}
        if licence.get("path", "").startswith("http"):
            entry["rightsUri"] = licence["path"]
        if licence.get("name"):
            entry.update({"rightsIdentifier": licence["name"], "rightsIdentifierScheme": "SPDX", "schemeUri": SPDX})
        out.append(entry)
    return out + [{"rights": f"In {note}."} for note in rights_notes(descriptor)]


def datacite(descriptor: dict, date: str, archive: dict, addresses: Addresses, publisher: str) -> dict:
    """DataCite metadata of the release. archive: {'name': ..., 'bytes': ...}."""
    base = _dplib_datacite(descriptor)
    creators = [{"name": c["name"], "nameType": "Organizational"} for c in base.get("creators", [])]
    contributors = []
    for c in descriptor.get("contributors", []):
        roles = [r for r in c.get("roles", []) if r != "creator"]
        if roles and c.get("title"):
            contributors.append({"name": c["title"], "nameType": "Organizational",
                                 "contributorType": CONTRIBUTOR_TYPES.get(roles[0], "Other")})
    out = {
        "types": {"resourceTypeGeneral": "Dataset", "resourceType": "Data package (Frictionless Data Package v2)"},
        "creators": creators,
        "titles": base.get("titles", []),
        "publisher": {"name": publisher},
        "publicationYear": date[:4],
        "subjects": base.get("subjects", []),
        "contributors": contributors,
        "dates": [{"date": date, "dateType": "Issued"}, {"date": descriptor.get("created", "")[:10], "dateType": "Created"}],
        "language": "en",
        "sizes": [f"{archive['bytes']} bytes"],
        "formats": ["application/zip", "text/csv", "application/vnd.apache.parquet"],
        "version": base.get("version", descriptor.get("version")),
        "rightsList": rights(descriptor),
        "descriptions": base.get("descriptions", []),
        "schemaVersion": SCHEMA_VERSION,
    }
    if addresses.doi:
        out["doi"] = addresses.doi
        out["prefix"], out["suffix"] = addresses.doi.split("/", 1)
    if addresses.landing_page:
        out["url"] = addresses.landing_page
    related = []
    if addresses.concept_doi and addresses.concept_doi != addresses.doi:
        related.append({"relatedIdentifier": addresses.concept_doi, "relatedIdentifierType": "DOI", "relationType": "IsVersionOf"})
    if addresses.download_base:
        related.append({"relatedIdentifier": addresses.download(archive["name"]), "relatedIdentifierType": "URL",
                        "relationType": "IsVariantFormOf"})
    if related:
        out["relatedIdentifiers"] = related
    return out


def datacite_problems(metadata: dict) -> list[str]:
    """Every way the metadata breaks DataCite's JSON schema (kernel 4.5), one line each; [] when it is valid."""
    import datacite
    from jsonschema import Draft7Validator

    schema = json.loads((Path(datacite.__file__).parent / "schemas" / "datacite-v4.5.json").read_text(encoding="utf-8"))
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(metadata))


def zenodo(descriptor: dict, date: str, addresses: Addresses) -> dict:
    """Zenodo's deposit metadata (the contents of .zenodo.json): the same facts as the DataCite metadata."""
    licence = next((l["name"] for l in descriptor.get("licenses", []) if l.get("name")), "")
    out = {
        "upload_type": "dataset",
        "publication_date": date,
        "title": descriptor.get("title", descriptor["name"]),
        "creators": [{"name": c["title"]} for c in descriptor.get("contributors", []) if "creator" in c.get("roles", [])],
        "description": descriptor.get("description", ""),
        "access_right": "open",
        "license": licence.lower(),
        "keywords": list(descriptor.get("keywords", [])),
        "version": descriptor.get("version"),
        "language": "eng",
        "notes": " ".join(f"In {note}." for note in rights_notes(descriptor)),
    }
    related = []
    if addresses.landing_page:
        related.append({"identifier": addresses.landing_page, "relation": "isDocumentedBy", "resource_type": "other"})
    if addresses.concept_doi:
        related.append({"identifier": addresses.concept_doi, "relation": "isVersionOf", "scheme": "doi"})
    if related:
        out["related_identifiers"] = related
    if addresses.doi:
        out["doi"] = addresses.doi
    return out
