"""The published site of the package: the landing page, and each version's files at a permanent address.

In: a built, valid package (run make first), the page's sources in site/assets/ (template, style, script),
the release's addresses (release.addresses: landing page, download base, DOI; all optional, a draft
without them) and, optionally, the archives of earlier releases (checked against releases.json).
Out, in the output folder (dist/site by default; the whole folder is what a static host such as GitHub
Pages serves):
- <version>/: this version's release archive and its checksum file, and the archive's files unpacked
  beside them (descriptor, schemas, data, README, licences...), so that `frictionless validate
  <address>/<version>/datapackage.json` and `pandas.read_csv(<address>/<version>/data/events.csv)` work
  where it is published; the same for each earlier release given;
- latest/: the same files as the newest version's folder, at an address that never changes;
- index.html: one file (style, script and data inline; it requests nothing, so it works offline and from
  file://) listing every download of this version with its media type, size and SHA-256, from the one
  list of published files (exports.registry) and the archive's (release.archive);
- .nojekyll, so that a static host serves every file as it is.
Refuses (exit 1) a page over MAX_BYTES, or an earlier archive whose SHA-256 is not the recorded one.
Deterministic; the archive is byte-identical whatever the addresses.
"""
from __future__ import annotations

import hashlib
import html
import json
import shutil
import sys
import zipfile
from pathlib import Path

from event_timeline.exports import registry
from event_timeline.release import archive as release
from event_timeline.release.addresses import Addresses
from event_timeline.release.gate import manifest
from event_timeline.site import data as site_data

MAX_BYTES = 640 * 1024  # raised from 500 KB in 4.0.0, when the series doubled the claims; served compressed, a fifth of it
SITE_SOURCES = Path(__file__).resolve().parent / "assets"  # template, style and script of the page
LATEST = "latest"


class SiteError(Exception):
    """A reason not to publish, worded for the person publishing."""


def entry(path: Path, rel: str, published, addresses: Addresses, version: str) -> dict:
    """A download as the page lists it: name, address, what it is, media type, size and SHA-256."""
    data = path.read_bytes()
    url = addresses.download(rel) if addresses.download_base else f"{version}/{rel}"
    return {"name": rel, "url": url, "description": published.description, "mediatype": published.mediatype,
            "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def script_json(value) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def page(descriptor: dict, data: dict, archive_name: str) -> str:
    licence = data["licence"]
    draft = ('<p class="draft"><strong>Draft release:</strong> this page and its files have no permanent public '
             'address yet; cite the version number.</p>' if data["draft"] else "")
    values = {"title": html.escape(data["title"]), "description": html.escape(data["description"]),
              "version": html.escape(data["version"]), "licence": html.escape(licence.get("name", "")),
              "licence_url": html.escape(licence.get("path", "")), "draft_notice": draft,
              "archive": html.escape(archive_name), "checksum": html.escape(release.checksum_name(archive_name)), "jsonld": script_json(data["jsonld"]),
              "style": (SITE_SOURCES / "style.css").read_text(encoding="utf-8"),
              "script": (SITE_SOURCES / "app.js").read_text(encoding="utf-8"),
              "data": script_json({k: v for k, v in data.items() if k != "jsonld"})}
    text = (SITE_SOURCES / "template.html").read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def unpack(archive: Path, folder: Path) -> None:
    """The archive's files into folder, beside the archive."""
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(folder)


def earlier_versions(pkg_dir: Path, archives: list[Path], out: Path, current: str) -> list[dict]:
    """Each earlier archive, checked against the SHA-256 releases.json records for it, unpacked into out/<version>/
    beside itself and its checksum file; what the page says of each. SiteError for an archive not recorded as it is."""
    recorded = {r["archive"]: r for r in manifest(pkg_dir)}
    shown = []
    for path in sorted(archives):
        r = recorded.get(path.name)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if r is None or r["sha256"] != digest:
            expected = f"the SHA-256 releases.json records ({r['sha256']})" if r else "an archive releases.json records"
            raise SiteError(f"{path}: found SHA-256 {digest}; expected {expected}. Publish only recorded archives.")
        if r["version"] == current:
            continue
        folder = out / r["version"]
        folder.mkdir(parents=True)
        shutil.copyfile(path, folder / path.name)
        (folder / release.checksum_name(path.name)).write_text(f"{digest}  {path.name}\n", encoding="utf-8")
        unpack(path, folder)
        shown.append({"version": r["version"], "date": r["date"], "archive": f"{r['version']}/{path.name}", "sha256": digest})
    return sorted(shown, key=lambda v: [int(p) for p in v["version"].split(".")], reverse=True)


def build_site(pkg_dir: Path, out: Path, addresses: Addresses, archives: list[Path] = ()) -> tuple[Path, int]:
    descriptor = json.loads((pkg_dir / "datapackage.json").read_text(encoding="utf-8"))
    version = descriptor["version"]
    if out.exists():
        shutil.rmtree(out)
    folder = out / version
    folder.mkdir(parents=True)
    archive, _ = release.write_release(pkg_dir, folder)
    unpack(archive, folder)
    earlier = earlier_versions(pkg_dir, list(archives), out, version)
    shutil.copytree(folder, out / LATEST)
    (out / ".nojekyll").write_bytes(b"")
    listed = release.archive_files(descriptor) + registry.published_files(descriptor)
    downloads = [entry(folder / f.path, f.path, f, addresses, version) for f in listed if (folder / f.path).is_file()]
    data = site_data.page_data(pkg_dir, descriptor, downloads, addresses)
    data["earlier"] = earlier
    data["latest"] = f"{addresses.landing_page.rstrip('/')}/{LATEST}/" if addresses.landing_page else f"{LATEST}/"
    text = page(descriptor, data, archive.name)
    index = out / "index.html"
    index.write_text(text, encoding="utf-8", newline="\n")
    return index, len(text.encode("utf-8"))


def run(pkg_dir: Path, out: Path | None = None, addresses: Addresses = Addresses(), archives: list[Path] = ()) -> int:
    """Build the site of the built package in pkg_dir into out (default: pkg_dir/dist/site), refusing a page over
    MAX_BYTES; the exit status. What scripts/site_build.py runs."""
    try:
        index, size = build_site(pkg_dir, out or pkg_dir / "dist" / "site", addresses, archives)
    except SiteError as exc:
        print(f"site refused: {exc}", file=sys.stderr)
        return 1
    if size > MAX_BYTES:
        print(f"site refused: {index} weighs {size:,} bytes; expected at most {MAX_BYTES:,} (trim what the page inlines)", file=sys.stderr)
        return 1
    print(f"site: {index} ({size:,} bytes; opens offline and from file://), with {index.parent}/<version>/ and {LATEST}/")
    return 0
