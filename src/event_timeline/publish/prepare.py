"""Everything a tag push publishes, made here up to the network boundary: the folder dist/publish.

In: a built, valid, recorded package (make, then make release), the release's addresses (release.addresses)
and the archives of earlier releases (optional). Out, in the output folder:
- the release archive and its checksum file (release.archive: the bytes releases.json records);
- datacite.json (publish.metadata, checked against DataCite's schema) and zenodo.json (the deposit metadata);
- release-notes.md (the version's section of CHANGELOG.md);
- site/: the published site (site.page: the landing page, <version>/ and latest/).
Refuses, in one line each, DataCite metadata its schema does not accept, a changelog without the version's
section, and what site.page refuses. What scripts/publish.py runs.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from event_timeline.files import json_bytes
from event_timeline.model.changelog import FILE as CHANGELOG, release_date
from event_timeline.publish import metadata, notes
from event_timeline.release import archive as release
from event_timeline.release.addresses import Addresses
from event_timeline.site import page as site

PUBLISHER = "Zenodo"  # the repository that holds the release and registers its DOI


def prepare(pkg_dir: Path, out: Path, addresses: Addresses, archives: list[Path] = ()) -> list[str]:
    """Write the folder; the problems that stop publication (nothing is left half-made: out is rebuilt)."""
    descriptor = json.loads((pkg_dir / "datapackage.json").read_text(encoding="utf-8"))
    changelog = (pkg_dir / CHANGELOG).read_text(encoding="utf-8")
    date = release_date(changelog, descriptor["version"])
    try:
        section = notes.changelog_section(changelog, descriptor["version"])
    except ValueError as exc:
        return [str(exc)]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    try:
        site.build_site(pkg_dir, out / "site", addresses, archives)
    except site.SiteError as exc:
        return [str(exc)]
    folder = out / "site" / descriptor["version"]
    name = release.archive_name(descriptor)
    for rel in (name, release.checksum_name(name)):
        shutil.copyfile(folder / rel, out / rel)
    size = (out / name).stat().st_size
    dc = metadata.datacite(descriptor, str(date), {"name": name, "bytes": size}, addresses, PUBLISHER)
    problems = [f"datacite.json: {p}" for p in metadata.datacite_problems(dc)]
    (out / "datacite.json").write_bytes(json_bytes(dc))
    (out / "zenodo.json").write_bytes(json_bytes(metadata.zenodo(descriptor, str(date), addresses)))
    (out / "release-notes.md").write_text(section, encoding="utf-8")
    return problems


def run(pkg_dir: Path, out: Path, addresses: Addresses, archives: list[Path] = ()) -> int:
    problems = prepare(pkg_dir, out, addresses, archives)
    for p in problems:
        print(f"publish refused: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"publish: {out} holds the archive, its checksum, datacite.json, zenodo.json, release-notes.md and site/ "
          f"({'a draft: no landing page given' if addresses.draft else addresses.landing_page})")
    return 0
