"""Release archive: dist/<name>-<version>.zip and, beside it, dist/<name>-<version>.zip.sha256.

In: a built, valid package (run make first). Out: a zip holding, at its root, every file the package
publishes (exports.registry: the descriptor, schemas, CSV tables, Parquet copies, exports, SHA256SUMS of
them) and the README (as archive_readme makes it), curation record, changelog, citation and licences,
with a SHA256SUMS of every one of them; and, beside the zip, its checksum file
<name>-<version>.zip.sha256.txt for `sha256sum -c`. The archive depends on nothing but the package's files:
no address, DOI or date of publication goes into it, so publishing a version anywhere gives the same bytes
(release.addresses holds those settings, for the page and the metadata beside the archive). Fixed
timestamps, permissions and order: two runs give identical bytes. `frictionless validate
<name>-<version>.zip` validates every table inside it. Refuses (exit 1) when any derived file is stale.
"""
from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

from event_timeline.pipeline import plan as build
from event_timeline.documents.archive_readme import archive_readme
from event_timeline.exports.published import Published
from event_timeline.files import commit_files, json_bytes, sha256_bytes
from event_timeline.model.layout import CHECKSUMS
from event_timeline.problems import PackageError

DOCUMENTS = ["README.md", "CURATION.md", "CHANGELOG.md", "CITATION.cff", "LICENSE", "LICENSE-DATA.md"]
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def listed_in_checksums(pkg_dir: Path) -> list[str]:
    """The files the package's SHA256SUMS lists (descriptor, schemas, data/)."""
    return [line.split("  ", 1)[1] for line in (pkg_dir / CHECKSUMS).read_text(encoding="utf-8").splitlines()]


def archive_contents(pkg_dir: Path) -> dict[str, bytes]:
    """Every file of the archive by its path, SHA256SUMS included (a document the package lacks is left
    out: run refuses a release without one, the landing page of a package in the making does not)."""
    documents = [rel for rel in DOCUMENTS if (pkg_dir / rel).is_file()]
    contents = {rel: (pkg_dir / rel).read_bytes() for rel in sorted(set(listed_in_checksums(pkg_dir)) | set(documents))}
    if "README.md" in contents:
        descriptor = json.loads(contents["datapackage.json"])
        contents["README.md"] = archive_readme(contents["README.md"].decode("utf-8"), descriptor).encode("utf-8")
    contents[CHECKSUMS] = "".join(f"{sha256_bytes(data)}  {rel}\n" for rel, data in sorted(contents.items())).encode()
    return contents


def archive_bytes(contents: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for rel in sorted(contents):
            info = zipfile.ZipInfo(rel, date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, contents[rel], compresslevel=9)
    return buffer.getvalue()


def run(pkg_dir: Path, out_dir: Path | None = None) -> int:
    """Write the release of the built package in pkg_dir into out_dir (default: pkg_dir/dist), refusing a
    package whose derived files are stale; print what was written; the exit status. What
    scripts/release.py runs."""
    out_dir = out_dir or pkg_dir / "dist"
    try:
        stale = [str(p.relative_to(pkg_dir)) for p, data in build.plan(pkg_dir).items()
                 if not p.exists() or p.read_bytes() != data]
    except PackageError as exc:
        print("\n".join(str(p) for p in exc.problems), file=sys.stderr)
        print("release refused: the package does not build; correct the files named above and run make", file=sys.stderr)
        return 1
    missing = [rel for rel in DOCUMENTS if not (pkg_dir / rel).is_file()]
    if stale or missing:
        print(f"release refused: stale {stale}, missing {missing}; run make", file=sys.stderr)
        return 1
    path, data = write_release(pkg_dir, out_dir)
    print(f"release: {path} ({len(data):,} bytes), sha256 {sha256_bytes(data)}")
    return 0


def archive_name(descriptor: dict) -> str:
    """<name>-<version>.zip"""
    return f"{descriptor['name']}-{descriptor['version']}.zip"


def checksum_name(archive: str) -> str:
    """The checksum file published beside an archive: <archive>.sha256.txt (not SHA256SUMS, the list inside
    the archive, so that unzipping next to the download overwrites nothing)."""
    return f"{archive}.sha256.txt"


def archive_files(descriptor: dict) -> list[Published]:
    """The archive and its checksum file, as published beside the package's files."""
    name = archive_name(descriptor)
    return [Published(name, "zip", "application/zip", "Release archive: every file of the package, the README, curation "
                      "record, changelog, citation and licences, with its own SHA256SUMS."),
            Published(checksum_name(name), "sha256", "text/plain", "SHA-256 of the archive, for sha256sum -c.")]


def write_release(pkg_dir: Path, out_dir: Path) -> tuple[Path, bytes]:
    """Write the archive and its checksum file into out_dir (no freshness check: run does that)."""
    contents = archive_contents(pkg_dir)
    name = archive_name(json.loads(contents["datapackage.json"]))
    data = archive_bytes(contents)
    commit_files({out_dir / name: data, out_dir / checksum_name(name): f"{sha256_bytes(data)}  {name}\n".encode()})
    return out_dir / name, data
