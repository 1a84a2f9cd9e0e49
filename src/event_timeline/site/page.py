"""Landing page of the package: dist/site/index.html, with the downloads beside it (make site).

In: a built, valid package (run make first), the page's sources in site/ (template, style, script)
and optionally --base-url, the release's permanent address. Out: dist/site/index.html (one file:
style, script and data inline; it requests nothing, so it works offline and from file://) and
dist/site/downloads/ (the release archive made as make release makes it, its checksum file, and the
package's files); the page lists each with its size and SHA-256. Refuses (exit 1) a page over
MAX_BYTES. Deterministic.
"""
from __future__ import annotations

import hashlib
import html
import json
import shutil
import sys
from pathlib import Path

from event_timeline.release import archive as release
from event_timeline.site import data as site_data

MAX_BYTES = 500 * 1024
SITE_SOURCES = Path(__file__).resolve().parent / "assets"  # template, style and script of the page
MEDIATYPES = {".csv": "text/csv", ".parquet": "application/vnd.apache.parquet", ".json": "application/json",
              ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".sqlite": "application/vnd.sqlite3",
              ".png": "image/png", ".svg": "image/svg+xml", ".zip": "application/zip", "": "text/plain"}


def download_files(pkg_dir: Path, descriptor: dict) -> list[tuple[str, str]]:
    """(path inside the package, what it is) for every file offered besides the archive."""
    out = [("datapackage.json", "The descriptor: every table, its schema, sizes and checksums (Data Package v2).")]
    for r in descriptor["resources"]:
        out.append((r["path"], f"{r.get('title', r['name'])} (CSV, canonical)."))
    for r in descriptor["resources"]:
        out.append((f"data/parquet/{r['name']}.parquet", f"{r.get('title', r['name'])} (Parquet, typed)."))
    exports = {
        f"data/exports/{descriptor['name']}.xlsx": "Workbook: a README sheet and one sheet per table.",
        f"data/exports/{descriptor['name']}.sqlite": "SQLite database of every table, with keys; serve it with Datasette.",
        "data/exports/datasette-metadata.json": "Datasette metadata for the SQLite database.",
        "data/exports/timelinejs.csv": "TimelineJS sheet (paste into Knight Lab's template).",
        "data/exports/timeline.json": "TimelineJS JSON (no Google Sheet needed).",
        "data/exports/timeline.png": "Timeline figure (PNG).",
        "data/exports/timeline.svg": "Timeline figure (SVG).",
    }
    return out + [(rel, what) for rel, what in exports.items() if (pkg_dir / rel).is_file()]


def entry(path: Path, rel_url: str, name: str, description: str, base_url: str | None) -> dict:
    data = path.read_bytes()
    return {"name": name, "url": f"{base_url.rstrip('/')}/{rel_url}" if base_url else rel_url, "description": description,
            "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(), "mediatype": MEDIATYPES.get(path.suffix, "application/octet-stream")}


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
              "archive": html.escape(archive_name), "jsonld": script_json(data["jsonld"]),
              "style": (SITE_SOURCES / "style.css").read_text(encoding="utf-8"),
              "script": (SITE_SOURCES / "app.js").read_text(encoding="utf-8"),
              "data": script_json({k: v for k, v in data.items() if k != "jsonld"})}
    text = (SITE_SOURCES / "template.html").read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def build_site(pkg_dir: Path, out: Path, base_url: str | None) -> tuple[Path, int]:
    descriptor = json.loads((pkg_dir / "datapackage.json").read_text(encoding="utf-8"))
    downloads_dir = out / "downloads"
    if out.exists():
        shutil.rmtree(out)
    downloads_dir.mkdir(parents=True)
    archive, _ = release.write_release(pkg_dir, downloads_dir, base_url)
    sums = release.checksum_name(archive.name)
    downloads = [entry(archive, f"downloads/{archive.name}", archive.name, "Release archive: everything below, with its own SHA256SUMS.", base_url),
                 entry(downloads_dir / sums, f"downloads/{sums}", sums,
                       "SHA-256 of the archive, for sha256sum -c.", base_url)]
    for rel, what in download_files(pkg_dir, descriptor):
        target = downloads_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pkg_dir / rel, target)
        downloads.append(entry(target, f"downloads/{rel}", rel, what, base_url))
    text = page(descriptor, site_data.page_data(pkg_dir, descriptor, downloads, base_url), archive.name)
    index = out / "index.html"
    index.write_text(text, encoding="utf-8", newline="\n")
    return index, len(text.encode("utf-8"))


def run(pkg_dir: Path, out: Path | None = None, base_url: str | None = None) -> int:
    """Build the landing page of the built package in pkg_dir into out (default: pkg_dir/dist/site), refusing
    a page over MAX_BYTES; the exit status. What scripts/site_build.py runs."""
    index, size = build_site(pkg_dir, out or pkg_dir / "dist" / "site", base_url or None)
    if size > MAX_BYTES:
        print(f"site refused: {index} weighs {size:,} bytes; expected at most {MAX_BYTES:,} (trim what the page inlines)", file=sys.stderr)
        return 1
    print(f"site: {index} ({size:,} bytes; opens offline and from file://)")
    return 0
